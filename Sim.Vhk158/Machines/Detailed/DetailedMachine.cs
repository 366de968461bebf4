using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Core.Resources;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// The detailed machine: N cores, each with six module queues, an MPE shared by MM and MV and an
/// SFU, fed by instruction fetchers (optionally from DDR into bounded queues), reaching memory
/// through a port that is analytic (the reference's formulas) or a contended memory system, and
/// synchronised by a SYS barrier across cores after every layer group. No correction factor by
/// default: cycles come from datapath sizes, clocks and memory timings.
/// </summary>
public sealed class DetailedMachine : IMachine
{
    private readonly List<DetailedCore> _cores = [];
    private readonly List<CoreModuleUnit> _units = [];
    private readonly TokenBalance _balance = new();

    internal DetailedMachine(Simulation sim, IEnumerable<CompiledGroup> program, DetailedOptions options,
        DatapathPricing pricing, IMemoryPort memory, IMemorySystem? ddr, IRunObserver observer)
    {
        Simulation = sim;
        Options = options;
        Pricing = pricing;
        Memory = memory;
        Observer = observer;
        Barrier = new CoreBarrier(sim, options.Cores);
        Ddr = ddr;

        // Units: the module queues of each core, then (with several cores) each core's MPE and SFU.
        bool multi = options.Cores > 1;
        var units = new List<UnitInfo>();
        for (int c = 0; c < options.Cores; c++)
            for (int m = 0; m < ModuleSet.Count; m++) units.Add(UnitInfo.ForModule((Module)m, c, multi));
        var engines = new List<(int Mpe, int Sfu)>();
        for (int c = 0; c < options.Cores; c++)
        {
            // On one core the MPE's busy time is MM's plus MV's and the SFU's is MISC's: no extra rows.
            if (!multi) { engines.Add((-1, -1)); continue; }
            units.Add(new UnitInfo($"core{c}.MPE", "engine", c, null));
            units.Add(new UnitInfo($"core{c}.SFU", "engine", c, null));
            engines.Add((units.Count - 2, units.Count - 1));
        }
        // The memory's channels, when loads and stores go through a memory system.
        if (memory is SystemMemoryPort system)
        {
            system.Report(observer, units.Count);
            units.AddRange(system.Units);
        }
        // Activity counters for energy models, on any machine beyond the degenerate one (whose CSV is the reference's).
        if (multi || options.FetchFromDdr || memory is SystemMemoryPort || options.OnChip.Enabled)
        {
            Counters = new ActivityCounters();
            units.AddRange(Counters.Units(units.Count));
        }
        Layout = new MachineLayout(DetailedMachineFactory.ModelName, units);
        (memory as SystemMemoryPort)?.Count(Counters);
        Observer = multi ? observer : new EngineFilter(observer);
        observer.Start(Layout);

        Feed = new ProgramFeed(sim, program, _balance, observer);
        var queues = new Store<QueuedInstruction>[options.Cores, ModuleSet.Count];
        for (int c = 0; c < options.Cores; c++)
        {
            var core = new DetailedCore(this, c, engines[c].Mpe, engines[c].Sfu);
            _cores.Add(core);
            for (int m = 0; m < ModuleSet.Count; m++)
            {
                var queue = queues[c, m] = new Store<QueuedInstruction>(sim, options.QueueDepth > 0 ? options.QueueDepth : int.MaxValue, $"core{c}.{(Module)m} queue");
                var unit = new CoreModuleUnit(core, (Module)m, c * ModuleSet.Count + m, queue);
                _units.Add(unit);
                sim.Process(unit.Run(sim), Layout.Units[c * ModuleSet.Count + m].Name);
            }
        }
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            var fetch = new InstructionFetch(this, (Module)m, Enumerable.Range(0, options.Cores).Select(c => queues[c, m]).ToArray());
            sim.Process(fetch.Run(sim), $"fetch {(Module)m}");
        }
    }

    public MachineLayout Layout { get; }

    internal Simulation Simulation { get; }
    internal DetailedOptions Options { get; }
    internal DatapathPricing Pricing { get; }
    internal IMemoryPort Memory { get; }
    internal IRunObserver Observer { get; }
    internal CoreBarrier Barrier { get; }
    internal ProgramFeed Feed { get; }

    /// <summary>The DDR instruction fetch reads from, or null when instructions are resident.</summary>
    internal IMemorySystem? Ddr { get; }

    /// <summary>What the run moved and computed, or null on the degenerate machine.</summary>
    internal ActivityCounters? Counters { get; }

    internal double Share(in Instruction i) => CoreShare.Of(i, Options.Cores);

    public double Complete(string source)
    {
        _balance.Check(source);
        var blocked = _units.Where(u => !u.Done).Select(u =>
        {
            var (g, from, ins) = u.Position;
            return $"core {u.Core} {u.Module} in group {g} (layer '{Feed.GroupName(g)}') waits" + (from is null ? "" : $" for a token from {from}") + $": {ins}";
        }).ToList();
        if (blocked.Count > 0)
            throw new InputException("deadlock: " + string.Join("; ", blocked.Take(6)) + (blocked.Count > 6 ? $"; and {blocked.Count - 6} more" : ""), source);
        foreach (var core in _cores)
            foreach (var (from, to, count, group) in core.Tokens.Leftovers())
                throw new InputException(
                    $"{count} token(s) {from}→{to} left unconsumed on core {core.Index}; the oldest was released in group {group} (layer '{Feed.GroupName(group)}')", source);
        Counters?.Report(Observer);
        return _units.Max(u => u.FreeAt);
    }

    /// <summary>On one core the engine rows are not listed; calls for them are dropped.</summary>
    private sealed class EngineFilter(IRunObserver inner) : IRunObserver
    {
        public void Start(MachineLayout layout) => inner.Start(layout);
        public void BeginGroup(LayerGroup group) => inner.BeginGroup(group);

        public void Executed(int unit, in Instruction instruction, double start, double duration, int group)
        {
            if (unit >= 0) inner.Executed(unit, instruction, start, duration, group);
        }

        public bool WatchesResources => inner.WatchesResources;
        public void Watch(WatchedResource resource) => inner.Watch(resource);
        public void Counted(int unit, long amount) => inner.Counted(unit, amount);
        public void Finish(double totalMs) => inner.Finish(totalMs);
    }
}
