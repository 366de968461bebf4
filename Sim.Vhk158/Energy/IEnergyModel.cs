using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Energy;

/// <summary>
/// Turns what a run did (its profile: latency and the detailed machine's activity counters) into
/// energy. Picked by name in the config's ENERGY section (<see cref="EnergyModels"/>).
/// </summary>
public interface IEnergyModel
{
    string Name { get; }

    /// <summary>The board's power when nothing runs (W).</summary>
    double IdleWatts { get; }

    /// <summary>The energy of one bucket run, by component.</summary>
    EnergyBreakdown Of(ProfileResult run);
}
