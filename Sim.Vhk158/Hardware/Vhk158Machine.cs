using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Timing;

namespace Sim.Vhk158.Hardware;

/// <summary>
/// The VHK158 as a discrete-event model: six module queues as processes joined by token FIFOs.
/// MM and MV issue to the matrix engine (MPE), MISC to the special-function unit (SFU), LD and
/// ST move data over the HBM channels; how long each takes is the timing model's business.
/// </summary>
public sealed class Vhk158Machine
{
    private readonly ITimingModel _timing;

    public Vhk158Machine(ITimingModel timing) => _timing = timing;

    /// <summary>Runs a compiled program to completion and returns its profile.</summary>
    public ProfileResult Run(IEnumerable<CompiledGroup> program, string source, IInstructionTrace? trace = null)
    {
        var sim = new Simulation();
        var balance = new TokenBalance();
        var feed = new ProgramFeed(sim, program, balance, trace);
        var tokens = new TokenNetwork(sim);
        var stats = new ModuleStats();
        var units = new ModuleUnit[ModuleSet.Count];
        for (int m = 0; m < units.Length; m++)
        {
            units[m] = new ModuleUnit((Module)m, feed, tokens, _timing, stats, trace);
            sim.Process(units[m].Run(sim), ((Module)m).ToString());
        }
        sim.Run();

        // The reference checks the token balance before it schedules; report that first.
        balance.Check(source);
        var blocked = units.Where(u => !u.Done).Select(u =>
        {
            var (g, k, from, ins) = u.Position;
            return $"{u.Module} instruction #{k} of group {g} (layer '{feed.GroupName(g)}') waits for a token from {from}: {ins}";
        }).ToList();
        if (blocked.Count > 0)
            throw new InputException("deadlock: " + string.Join("; ", blocked), source);
        foreach (var (from, to, count, group) in tokens.Leftovers())
            throw new InputException(
                $"{count} token(s) {from}→{to} left unconsumed at the end of the program; the oldest was released in group {group} (layer '{feed.GroupName(group)}')", source);

        double total = units.Max(u => u.FreeAt);
        return ProfileResult.From(stats, total, sim.ProcessedEventCount);
    }
}
