using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Which simulator made a profile, for cache keys: the build's informational version (which
/// carries the commit when built from git), a number bumped by hand whenever a change alters
/// generated IR, compiled instructions or timing, and a hash of the identities of the assemblies
/// that simulate (Sim.Core, Sim.Workloads, Sim.Vhk158). The builds are deterministic, so each
/// assembly's module version id is a hash of its compilation's inputs: a build with local changes
/// gets new ids and never reuses the entries of the committed build.
/// </summary>
public static class SimulatorVersion
{
    /// <summary>Bump when generated IR, instruction generation or timing semantics change.</summary>
    public const int Semantics = 2;

    public static string Text { get; } = Describe();

    private static string Describe()
    {
        var self = typeof(SimulatorVersion).Assembly;
        var version = self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var assemblies = new[] { typeof(Sim.Core.Engine.Simulation).Assembly, typeof(Sim.Workloads.Ir.IrProgram).Assembly, self };
        var ids = string.Join("\n", assemblies.Select(a => $"{a.GetName().Name} {a.ManifestModule.ModuleVersionId}"));
        var build = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..16];
        return $"{version}; semantics {Semantics}; build {build}";
    }
}
