using System.Reflection;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Which simulator made a profile, for cache keys: the build's informational version (which
/// carries the commit when built from git) and a number bumped by hand whenever a change alters
/// generated IR, compiled instructions or timing, so an uncommitted change cannot reuse old CSVs.
/// </summary>
public static class SimulatorVersion
{
    /// <summary>Bump when generated IR, instruction generation or timing semantics change.</summary>
    public const int Semantics = 1;

    public static string Text { get; } =
        $"{typeof(SimulatorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"}; semantics {Semantics}";
}
