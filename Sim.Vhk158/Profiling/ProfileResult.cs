using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Profiling;

/// <summary>The outcome of simulating one IR file: per-module counts and busy times, and the latency.</summary>
public sealed record ProfileResult(long[] Counts, double[] Busy, double TotalMs, long Events)
{
    public static ProfileResult From(ModuleStats stats, double totalMs, long events)
    {
        var counts = new long[ModuleSet.Count];
        var busy = new double[ModuleSet.Count];
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            counts[m] = stats.Count((Module)m);
            busy[m] = stats.Busy((Module)m);
        }
        return new ProfileResult(counts, busy, totalMs, events);
    }

    public long TotalCount => Counts.Sum();
    public long Count(Module m) => Counts[(int)m];
    public double BusyMs(Module m) => Busy[(int)m];
    /// <summary>Busy time as a percentage of the latency; modules overlap, so these add to more than 100.</summary>
    public double Utilization(Module m) => TotalMs > 0 ? 100 * Busy[(int)m] / TotalMs : 0;
}
