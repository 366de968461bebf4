using Sim.Core.Engine;
using Sim.Core.Analysis;
using Sim.Core.Resources;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// The wait/release token FIFOs between every ordered pair of modules (spec §4.2): an
/// unbounded store per pair; a token carries the index of the group that released it.
/// </summary>
internal sealed class TokenNetwork
{
    // Row-major by (from, to): a flat array is cheaper to index than a [,] on the hot path.
    private readonly Store<int>[] _fifos = new Store<int>[ModuleSet.Count * ModuleSet.Count];

    public TokenNetwork(Simulation sim)
    {
        for (int i = 0; i < ModuleSet.Count; i++)
        for (int j = 0; j < ModuleSet.Count; j++)
            _fifos[i * ModuleSet.Count + j] = new Store<int>(sim, name: $"{(Module)i}->{(Module)j}");
    }

    public Store<int> this[int from, int to] => _fifos[from * ModuleSet.Count + to];

    /// <summary>
    /// Attaches a monitor to every FIFO that some instruction uses and describes it for observers:
    /// tokens held over time (the queue of work released but not yet taken) and how long each
    /// get waited for its token (a module stalled on another).
    /// </summary>
    public IEnumerable<WatchedResource> Watch()
    {
        for (int i = 0; i < ModuleSet.Count; i++)
        for (int j = 0; j < ModuleSet.Count; j++)
        {
            if (i == j) continue;
            var fifo = this[i, j];
            var monitor = new ResourceMonitor();
            fifo.Monitor = monitor;
            yield return new WatchedResource(fifo.Name ?? $"{(Module)i}->{(Module)j}", "token fifo", () => new ResourceReport(
                fifo.Name ?? "", "token fifo", Utilization: double.NaN,
                MeanQueue: monitor.Level.Mean, MaxQueue: monitor.Level.Max,
                Served: monitor.GetWaitingTime.Count, MeanWaitMs: Nan0(monitor.GetWaitingTime.Mean), MaxWaitMs: Nan0(monitor.GetWaitingTime.Max)));
        }
    }

    private static double Nan0(double v) => double.IsNaN(v) ? 0 : v;

    /// <summary>Pairs that still hold tokens after the run, with the group of the oldest one.</summary>
    public IEnumerable<(Module From, Module To, int Count, int OldestGroup)> Leftovers()
    {
        for (int i = 0; i < ModuleSet.Count; i++)
        for (int j = 0; j < ModuleSet.Count; j++)
            if (this[i, j] is { Count: > 0 } fifo) yield return ((Module)i, (Module)j, fifo.Count, fifo.Items.First());
    }
}
