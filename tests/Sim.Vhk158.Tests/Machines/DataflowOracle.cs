using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Machines.Reference;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Tests.Machines;

/// <summary>
/// An independent scheduler for tests: spec §4.4 says any order that runs only ready
/// instructions gives bit-identical times. This one sweeps the six queues round-robin with plain
/// FIFOs of end times, no DES at all, so the DES model can be checked against it.
/// </summary>
internal static class DataflowOracle
{
    public static ProfileResult Run(IEnumerable<CompiledGroup> program, ReferencePricing timing)
    {
        var queues = new List<Instruction>[ModuleSet.Count];
        for (int m = 0; m < queues.Length; m++) queues[m] = new List<Instruction>();
        foreach (var g in program)
            for (int m = 0; m < ModuleSet.Count; m++)
                foreach (var i in g.Instructions.Queue((Module)m)) queues[m].Add(i);

        var fifo = new Queue<double>[ModuleSet.Count, ModuleSet.Count];
        for (int i = 0; i < ModuleSet.Count; i++)
        for (int j = 0; j < ModuleSet.Count; j++) fifo[i, j] = new Queue<double>();
        var next = new int[ModuleSet.Count];
        var free = new double[ModuleSet.Count];
        var counts = new long[ModuleSet.Count];
        var busy = new double[ModuleSet.Count];
        bool progress = true;
        while (progress)
        {
            progress = false;
            for (int m = 0; m < ModuleSet.Count; m++)
            {
                while (next[m] < queues[m].Count)
                {
                    var ins = queues[m][next[m]];
                    bool ready = true;
                    for (int w = 0; w < ModuleSet.Count; w++)
                        if (ins.Wait.Contains((Module)w) && fifo[w, m].Count == 0) ready = false;
                    if (!ready) break;
                    double start = free[m];
                    for (int w = 0; w < ModuleSet.Count; w++)
                        if (ins.Wait.Contains((Module)w)) start = Math.Max(start, fifo[w, m].Dequeue());
                    double d = timing.Duration(ins);
                    counts[m]++;
                    busy[m] += d;
                    free[m] = start + d;
                    for (int r = 0; r < ModuleSet.Count; r++)
                        if (ins.Release.Contains((Module)r)) fifo[m, r].Enqueue(free[m]);
                    next[m]++;
                    progress = true;
                }
            }
        }
        for (int m = 0; m < ModuleSet.Count; m++)
            if (next[m] != queues[m].Count) throw new InvalidOperationException($"oracle: {(Module)m} stalled");
        var units = Enumerable.Range(0, ModuleSet.Count).Select(m => new UnitTotal(UnitInfo.ForModule((Module)m), counts[m], busy[m])).ToList();
        return new ProfileResult(units, free.Max(), 0);
    }
}
