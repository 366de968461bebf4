using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Per-module instruction counts and busy time, summed in each module's program order (the
/// reference's order, so the last bits of the sums agree).
/// </summary>
public sealed class ModuleStats
{
    private readonly long[] _count = new long[ModuleSet.Count];
    private readonly double[] _busy = new double[ModuleSet.Count];

    public void Add(Module module, double duration)
    {
        _count[(int)module]++;
        _busy[(int)module] += duration;
    }

    public long Count(Module m) => _count[(int)m];
    public double Busy(Module m) => _busy[(int)m];
    public long TotalCount => _count.Sum();
}
