using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// One in-order instruction queue of the VHK158 (LD, ST, MM, MV, MISC or SYS) as a DES process:
/// take the next instruction, take one token from each module it waits on (blocking until it
/// is there), run for the pricing's duration, then give a token to each module it releases.
/// Start = max(own previous end, token times) and end = start + duration, exactly as the
/// reference's scheduler computes them (spec §4.2, §4.4).
/// </summary>
internal sealed class ModuleUnit
{
    private readonly Module _module;
    private readonly ProgramFeed _feed;
    private readonly TokenNetwork _tokens;
    private readonly ReferencePricing _pricing;
    private readonly IRunObserver _observer;
    // The observer of a plain run (profile totals only), called directly: once per instruction,
    // a direct call is cheaper than the interface dispatch (the CLI runs without PGO's guesses).
    private readonly UnitTotals? _totals;

    public ModuleUnit(Module module, ProgramFeed feed, TokenNetwork tokens, ReferencePricing pricing, IRunObserver observer)
    {
        _module = module; _feed = feed; _tokens = tokens; _pricing = pricing; _observer = observer;
        _totals = observer as UnitTotals;
    }

    public Module Module => _module;
    /// <summary>End time of the last instruction executed.</summary>
    public double FreeAt { get; private set; }
    public bool Done { get; private set; }
    /// <summary>Where the unit is: group, index in its queue and the module it waits on, for deadlock reports.</summary>
    public (int Group, int Index, Module? WaitingOn, Instruction Instruction) Position { get; private set; }

    public IEnumerable<Event> Run(Simulation sim)
    {
        int self = (int)_module;
        // One reusable get per source module: the hot path allocates nothing per instruction.
        var gets = new Sim.Core.Resources.StoreGet<int>?[ModuleSet.Count];
        for (int g = 0; ; g++)
        {
            Instruction[]? queue;
            int count;
            while (!_feed.TryQueue(_module, g, out queue, out count, out var barrier)) yield return barrier!;
            if (queue is null) break;
            var durations = _pricing.Durations(_feed.Instructions(g))[self];
            for (int k = 0; k < count; k++)
            {
                // Read in place: the queue stays valid until this unit asks for a later group.
                int waits = queue[k].Wait.Bits;
                for (int from = 0; waits != 0; from++, waits >>= 1)
                {
                    if ((waits & 1) == 0) continue;
                    var get = gets[from] = _tokens[from, self].Get(gets[from]);
                    if (!get.IsTriggered)
                    {
                        Position = (g, k, (Module)from, queue[k]);
                        yield return get;
                    }
                }
                double start = sim.Now;
                double duration = durations[k];
                yield return sim.Delay(duration);
                FreeAt = sim.Now;
                if (_totals is not null) _totals.Executed(self, queue[k], start, duration, g);
                else _observer.Executed(self, queue[k], start, duration, g);
                if (_module == Module.SYS) _feed.BarrierDone();
                int releases = queue[k].Release.Bits;
                for (int to = 0; releases != 0; to++, releases >>= 1)
                    if ((releases & 1) != 0) _tokens[self, to].Put(g);
            }
        }
        Done = true;
    }
}
