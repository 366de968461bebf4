namespace Sim.Gpu.Energy;

/// <summary>A device's cumulative energy counter: two readings around a run give the energy it took.</summary>
public interface IEnergyCounter : IDisposable
{
    /// <summary>Where the readings come from, e.g. "NVML total energy of GPU 0".</summary>
    string Source { get; }

    /// <summary>Joules since some fixed point (only differences mean anything).</summary>
    double ReadJoules();
}
