using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Machines.Reference;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// One module queue of one core as a DES process. Like the reference's module unit it takes one
/// token from each module it waits on and gives one to each it releases, but it also waits for
/// what it runs on: the next instruction in its queue (fetched from memory), the core's MPE (MM
/// and MV share it; a mode switch costs cycles), the core's SFU (MISC), a memory transfer (LD,
/// ST) and, for SYS, the barrier of all cores.
/// </summary>
internal sealed class CoreModuleUnit
{
    private readonly DetailedCore _core;
    private readonly Module _module;
    private readonly int _unit;
    private readonly Store<QueuedInstruction> _queue;

    public CoreModuleUnit(DetailedCore core, Module module, int unit, Store<QueuedInstruction> queue)
    {
        _core = core; _module = module; _unit = unit; _queue = queue;
    }

    public Module Module => _module;
    public int Core => _core.Index;
    public double FreeAt { get; private set; }
    public bool Done { get; private set; }
    public (int Group, Module? WaitingOn, Instruction Instruction) Position { get; private set; }

    public IEnumerable<Event> Run(Simulation sim)
    {
        int self = (int)_module;
        var tokens = _core.Tokens;
        var observer = _core.Machine.Observer;
        var gets = new StoreGet<int>?[ModuleSet.Count];
        StoreGet<QueuedInstruction>? next = null;
        while (true)
        {
            next = _queue.Get(next);
            if (!next.IsTriggered) yield return next;
            var (ins, g, end) = next.Item;
            if (end) break;
            int waits = ins.Wait.Bits;
            for (int from = 0; waits != 0; from++, waits >>= 1)
            {
                if ((waits & 1) == 0) continue;
                var get = gets[from] = tokens[from, self].Get(gets[from]);
                if (!get.IsTriggered)
                {
                    Position = (g, (Module)from, ins);
                    yield return get;
                }
            }

            double start = sim.Now, busy;
            double share = _core.Machine.Share(ins);
            switch (_module)
            {
                case Module.MM:
                case Module.MV:
                case Module.MISC:
                {
                    // MM and MV run on the core's MPE, MISC on its SFU: wait for the engine, then hold it.
                    bool mpe = _module != Module.MISC;
                    var (engine, engineUnit) = mpe ? (_core.Mpe, _core.MpeUnit) : (_core.Sfu, _core.SfuUnit);
                    var request = engine.Request();
                    if (!request.IsTriggered) yield return request;
                    start = sim.Now;
                    busy = _core.Machine.Pricing.Duration(ins, share);
                    if (mpe)
                    {
                        if (_core.MpeMode is { } mode && mode != _module) busy += _core.Machine.Pricing.ModeSwitchMs;
                        _core.MpeMode = _module;
                    }
                    yield return sim.Delay(busy);
                    engine.Release(request);
                    _core.Machine.Counters?.Add(mpe ? ActivityCounters.Counter.MpeMacs : ActivityCounters.Counter.SfuElements,
                        _core.Machine.Pricing.Slots(ins, busy));
                    observer.Executed(engineUnit, ins, start, busy, g);
                    break;
                }
                case Module.LD:
                case Module.ST:
                {
                    var port = _core.Machine.Memory;
                    var onChip = _core.Machine.Options.OnChip;
                    if (port.IsAnalytic && !onChip.Keeps(ins))
                    {
                        busy = port.Price(ins, share);
                        yield return sim.Delay(busy);
                        break;
                    }
                    Event transfer;
                    if (onChip.Keeps(ins))
                    {
                        // Always-on-chip decode: the vector moves between on-chip buffers, not through HBM.
                        double bytes = ins.Length * share;
                        _core.Machine.Counters?.Add(ActivityCounters.Counter.OnChipBytes, bytes);
                        transfer = sim.Timeout(onChip.Cycles(bytes) * _core.Machine.Pricing.CycleMs);
                    }
                    else
                    {
                        var issue = _core.Machine.Options.Issue;
                        if (issue.IssueCycles > 0) yield return sim.Delay(issue.IssueCycles * _core.Machine.Pricing.CycleMs);
                        transfer = port.Start(ins, _core.Index, share, g);
                    }
                    int inFlight = _core.Machine.Options.Issue.InFlight;
                    if (inFlight > 1)
                    {
                        // Issue and move on; transfers complete, are observed and release their tokens in program order.
                        var done = _lastDone is { IsProcessed: false } previous ? sim.AllOf(transfer, previous) : transfer;
                        var (doneIns, doneGroup, issued) = (ins, g, start);
                        done.AddCallback(_ => Completed(sim, doneIns, issued, doneGroup));
                        _lastDone = done;
                        _inFlight.Enqueue(done);
                        while (_inFlight.Count >= inFlight)
                        {
                            var oldest = _inFlight.Dequeue();
                            if (!oldest.IsProcessed) yield return oldest;
                        }
                        continue;
                    }
                    yield return transfer;
                    busy = sim.Now - start;
                    break;
                }
                default:
                {
                    busy = _core.Machine.Pricing.Duration(ins, share);
                    yield return sim.Delay(busy);
                    var barrier = _core.Machine.Barrier.Arrive(g, out bool last);
                    if (!barrier.IsTriggered) yield return barrier;
                    if (last) _core.Machine.Feed.BarrierDone();
                    break;
                }
            }
            FreeAt = sim.Now;
            // A unit's busy time is its own work; time spent waiting for an engine or the barrier is not.
            observer.Executed(_unit, ins, start, busy, g);
            int releases = ins.Release.Bits;
            for (int to = 0; releases != 0; to++, releases >>= 1)
                if ((releases & 1) != 0) tokens[self, to].Put(g);
        }
        if (_lastDone is { IsProcessed: false } pending) yield return pending;
        Done = true;
    }

    private readonly Queue<Event> _inFlight = new();
    private Event? _lastDone;
    private double _lastEnd;

    /// <summary>A transfer issued in flight has landed: observed as busy from its start or the previous one's end, whichever is later.</summary>
    private void Completed(Simulation sim, Instruction ins, double issued, int group)
    {
        double start = Math.Max(issued, _lastEnd);
        _lastEnd = FreeAt = sim.Now;
        _core.Machine.Observer.Executed(_unit, ins, start, sim.Now - start, group);
        int self = (int)_module, releases = ins.Release.Bits;
        for (int to = 0; releases != 0; to++, releases >>= 1)
            if ((releases & 1) != 0) _core.Tokens[self, to].Put(group);
    }
}
