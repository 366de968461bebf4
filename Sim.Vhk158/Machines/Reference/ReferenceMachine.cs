using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// The VHK158 as the artifact's profiler sees it: six module queues of one core as processes
/// joined by token FIFOs. MM and MV issue to the matrix engine (MPE), MISC to the
/// special-function unit (SFU), LD and ST move data over the HBM channels; each instruction
/// takes the <see cref="ReferencePricing"/> duration, with no contention between them.
/// </summary>
public sealed class ReferenceMachine : IMachine
{
    private readonly Simulation _sim;
    private readonly ProgramFeed _feed;
    private readonly TokenNetwork _tokens;
    private readonly ModuleUnit[] _units;
    private readonly TokenBalance _balance = new();

    public ReferenceMachine(Simulation sim, IEnumerable<CompiledGroup> program, ReferencePricing pricing, IRunObserver observer)
    {
        _sim = sim;
        Layout = new MachineLayout(ReferenceMachineFactory.ModelName,
            Enumerable.Range(0, ModuleSet.Count).Select(m => UnitInfo.ForModule((Module)m)).ToArray());
        observer.Start(Layout);
        _feed = new ProgramFeed(sim, program, _balance, observer);
        _tokens = new TokenNetwork(sim);
        if (observer.WatchesResources)
            foreach (var watched in _tokens.Watch()) observer.Watch(watched);
        _units = new ModuleUnit[ModuleSet.Count];
        for (int m = 0; m < _units.Length; m++)
        {
            // The unit index is the module's: the layout lists the modules in order.
            _units[m] = new ModuleUnit((Module)m, _feed, _tokens, pricing, observer);
            sim.Process(_units[m].Run(sim), ((Module)m).ToString());
        }
    }

    public MachineLayout Layout { get; }

    public double Complete(string source)
    {
        // The reference checks the token balance before it schedules; report that first.
        _balance.Check(source);
        var blocked = _units.Where(u => !u.Done).Select(u =>
        {
            var (g, k, from, ins) = u.Position;
            return $"{u.Module} instruction #{k} of group {g} (layer '{_feed.GroupName(g)}') waits for a token from {from}: {ins}";
        }).ToList();
        if (blocked.Count > 0)
            throw new InputException("deadlock: " + string.Join("; ", blocked), source);
        foreach (var (from, to, count, group) in _tokens.Leftovers())
            throw new InputException(
                $"{count} token(s) {from}→{to} left unconsumed at the end of the program; the oldest was released in group {group} (layer '{_feed.GroupName(group)}')", source);
        return _units.Max(u => u.FreeAt);
    }
}
