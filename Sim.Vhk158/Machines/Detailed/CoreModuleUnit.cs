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
    private readonly InstructionQueue _queue;

    public CoreModuleUnit(DetailedCore core, Module module, int unit, InstructionQueue queue)
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
        while (true)
        {
            if (!_queue.TryTake(out var next))
            {
                yield return _queue.WhenFilled();
                continue;
            }
            var (ins, g, end) = next;
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
                    // A softmax or SiLU whose lookup table is not on chip reads it from DDR first, holding the SFU.
                    if (!mpe && _core.Tables is { } tables)
                    {
                        if (tables.Load(ins, out double read) is { } pending)
                        {
                            yield return pending;
                            read = sim.Now - start;
                            yield return sim.Delay(busy);
                            busy += read;
                        }
                        else
                        {
                            busy += read;
                            yield return sim.Delay(busy);
                        }
                    }
                    else yield return sim.Delay(busy);
                    engine.Release(request);
                    _core.Machine.Counters?.Add(mpe ? ActivityCounters.Counter.MpeMacs : ActivityCounters.Counter.SfuElements,
                        _core.Machine.Pricing.Slots(ins, busy));
                    observer.Executed(engineUnit, ins, start, busy, g);
                    break;
                }
                case Module.LD:
                case Module.ST:
                {
                    var machine = _core.Machine;
                    var onChip = machine.Options.OnChip;
                    bool keeps = onChip.Keeps(ins);
                    if (machine.Memory is AnalyticMemoryPort && !keeps)
                    {
                        // The reference's formulas: no issue model, no transfers in flight.
                        busy = machine.Memory.Start(ins, _core.Index, share, g);
                        yield return sim.Delay(busy);
                        break;
                    }
                    double delay;
                    var issue = machine.Options.Issue;
                    if (keeps)
                    {
                        // Always-on-chip decode: the vector moves between on-chip buffers, not through HBM.
                        double bytes = ins.Length * share;
                        machine.Counters?.Add(ActivityCounters.Counter.OnChipBytes, bytes);
                        delay = onChip.Cycles(bytes) * machine.Pricing.CycleMs;
                    }
                    else
                    {
                        if (issue.IssueCycles > 0) yield return sim.Delay(issue.IssueCycles * machine.Pricing.CycleMs);
                        delay = machine.Memory.Start(ins, _core.Index, share, g);
                    }
                    if (issue.InFlight > 1)
                    {
                        // Issue and move on: the transfer was booked now, so when it lands is known (it
                        // lands in program order, after the one before); only the wait for a free slot
                        // and, where it releases tokens, their release take an event.
                        InFlight(sim, ins, start, sim.Now + delay, g);
                        while (_inFlight.Count >= issue.InFlight)
                        {
                            double oldest = _inFlight.Dequeue();
                            if (oldest > sim.Now) yield return sim.Delay(oldest - sim.Now);
                        }
                        continue;
                    }
                    yield return sim.Delay(delay);
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
            FreeAt = Math.Max(FreeAt, sim.Now);
            // A unit's busy time is its own work; time spent waiting for an engine or the barrier is not.
            observer.Executed(_unit, ins, start, busy, g);
            int releases = ins.Release.Bits;
            for (int to = 0; releases != 0; to++, releases >>= 1)
                if ((releases & 1) != 0) tokens[self, to].Put(g);
        }
        if (_lastLands > sim.Now) yield return sim.Delay(_lastLands - sim.Now);
        Done = true;
    }

    /// <summary>When the transfers this unit has in flight land, oldest first.</summary>
    private readonly Queue<double> _inFlight = new();
    private double _lastLands;

    /// <summary>
    /// Records a transfer issued in flight at <paramref name="issued"/> whose data is in at
    /// <paramref name="arrives"/>: it lands no earlier than the one before (program order), is
    /// observed as busy from its issue or the previous one's landing, whichever is later, and
    /// releases its tokens when it lands.
    /// </summary>
    private void InFlight(Simulation sim, Instruction ins, double issued, double arrives, int group)
    {
        double start = Math.Max(issued, _lastLands);
        double lands = _lastLands = FreeAt = Math.Max(arrives, _lastLands);
        _inFlight.Enqueue(lands);
        _core.Machine.Observer.Executed(_unit, ins, start, lands - start, group);
        int releases = ins.Release.Bits;
        if (releases == 0) return;
        var tokens = _core.Tokens;
        int self = (int)_module;
        sim.Timeout(lands - sim.Now).AddCallback(_ =>
        {
            for (int to = 0, r = releases; r != 0; to++, r >>= 1)
                if ((r & 1) != 0) tokens[self, to].Put(group);
        });
    }
}
