using System.Diagnostics;
using Sim.Gpu.Backends;
using Sim.Gpu.Energy;
using Sim.Gpu.Runtime;

namespace Sim.Gpu.Measurement;

/// <summary>
/// The real meter: device synchronization, then the energy counter and a monotonic clock are
/// read before and after the run (the run ends with another synchronization).
/// </summary>
public sealed class DeviceRunMeter(TorchDevice device, IEnergyCounter? energy, string energyNote) : IRunMeter
{
    public string EnergyNote { get; } = energyNote;

    public bool HasEnergy => energy is not null;

    public RunSample Measure(Func<GenerationResult> run, int newTokens, out GenerationResult result)
    {
        TorchRuntime.Synchronize(device);
        var j0 = energy?.ReadJoules();
        var t0 = Stopwatch.GetTimestamp();
        result = run();
        TorchRuntime.Synchronize(device);
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var j1 = energy?.ReadJoules();
        return new RunSample(ms, j1 - j0);
    }
}
