using System.Collections.Immutable;

namespace Sim.Vhk158.Config;

/// <summary>
/// The values <c>TIMING_MODEL</c> may take. A new timing model adds its name here; the config
/// validator and the CLI read this list and nothing else.
/// </summary>
public static class TimingModelNames
{
    /// <summary>The FlightLLM artifact's profiler, reproduced exactly.</summary>
    public const string Reference = "reference";

    public static ImmutableArray<string> All { get; } = [Reference];
}
