using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// The reference machine's schedule without a DES: a plain loop over the six module queues with
/// start = max(previous end, token times) and end = start + duration. A benchmark baseline (what
/// the machine could do), not a model: it reports no deadlock details and feeds no observers.
/// Its total is bit-equal to <see cref="ReferenceMachine"/>'s on every program that completes.
/// </summary>
public static class ReferenceTightLoop
{
    /// <summary>Latency (ms) and instructions executed; NaN latency when the program deadlocks.</summary>
    public static (double TotalMs, long Instructions) Run(IEnumerable<CompiledGroup> program, ReferencePricing pricing)
    {
        const int n = ModuleSet.Count;
        var fifos = new EndTimeFifo[n * n];
        for (int i = 0; i < fifos.Length; i++) fifos[i] = new EndTimeFifo();
        var groups = new List<CompiledGroup?>();
        using var source = program.GetEnumerator();
        var group = new int[n];
        var next = new int[n];
        var free = new double[n];
        var durations = new double[n][];   // module m's durations in group pricedGroup[m] (priced once per list, as the machine does)
        var pricedGroup = new int[n];
        Array.Fill(pricedGroup, -1);
        int sysDone = 0, dropped = 0;
        long executed = 0;
        bool exhausted = false, progress = true;
        while (progress)
        {
            progress = false;
            for (int m = 0; m < n; m++)
            {
                while (true)
                {
                    int g = group[m];
                    if (g >= groups.Count)
                    {
                        // The feed's window (see ProgramFeed): load no further ahead than the DES would.
                        if (exhausted || g > sysDone + ProgramFeed.Window) break;
                        if (!source.MoveNext()) { exhausted = true; break; }
                        groups.Add(source.Current);
                        continue;
                    }
                    var list = groups[g]!.Instructions;
                    int k = next[m];
                    if (k == list.CountOf((Module)m)) { group[m]++; next[m] = 0; progress = true; continue; }
                    ref readonly var ins = ref list.QueueArray((Module)m)[k];
                    int waits = ins.Wait.Bits;
                    bool ready = true;
                    for (int from = 0, w = waits; w != 0; from++, w >>= 1)
                        if ((w & 1) != 0 && fifos[from * n + m].Count == 0) { ready = false; break; }
                    if (!ready) break;
                    double start = free[m];
                    for (int from = 0, w = waits; w != 0; from++, w >>= 1)
                        if ((w & 1) != 0) start = Math.Max(start, fifos[from * n + m].Pop());
                    if (pricedGroup[m] != g) { durations[m] = pricing.Durations(list)[m]; pricedGroup[m] = g; }
                    double end = start + durations[m][k];
                    free[m] = end;
                    for (int to = 0, r = ins.Release.Bits; r != 0; to++, r >>= 1)
                        if ((r & 1) != 0) fifos[m * n + to].Push(end);
                    if (m == (int)Module.SYS) sysDone++;
                    next[m] = k + 1;
                    executed++;
                    progress = true;
                }
            }
            int oldest = group.Min();
            for (; dropped < oldest && dropped < groups.Count; dropped++)
            {
                groups[dropped]!.Instructions.Recycle();
                groups[dropped] = null;
            }
        }
        for (int m = 0; m < n; m++)
            if (group[m] < groups.Count || !exhausted) return (double.NaN, executed);
        return (free.Max(), executed);
    }
}
