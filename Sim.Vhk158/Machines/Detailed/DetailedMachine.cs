using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Core.Resources;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
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

    /// <summary>Master ids of the SFUs' lookup-table reads on the DDR (one per core).</summary>
    public const int TableMaster = 2000;

    internal DetailedMachine(Simulation sim, IEnumerable<CompiledGroup> program, DetailedOptions options, HardwareConfig config,
        DatapathPricing pricing, IMemoryPort memory, IMemorySystem? hbm, IMemorySystem? ddr, IRunObserver observer)
    {
        Simulation = sim;
        Options = options;
        Pricing = pricing;
        Memory = memory;
        Observer = observer;
        Barrier = new CoreBarrier(sim, options.Cores);

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
        if (multi || options.Fetches || options.ReadsLookupTables || memory is SystemMemoryPort || options.OnChip.Enabled)
        {
            Counters = new ActivityCounters();
            units.AddRange(Counters.Units(units.Count));
        }
        Layout = new MachineLayout(DetailedMachineFactory.ModelName, units);
        (memory as SystemMemoryPort)?.Count(Counters);
        Observer = multi ? observer : new EngineFilter(observer);
        observer.Start(Layout);

        Feed = new ProgramFeed(sim, program, _balance, observer);
        // The lookup tables sit at the top of the DDR, the instruction streams (when there) below them.
        long tableBytes = options.ReadsLookupTables ? (long)LookupTables.Count * options.LutBytes : 0;
        var queues = new InstructionQueue[options.Cores, ModuleSet.Count];
        for (int c = 0; c < options.Cores; c++)
        {
            var core = new DetailedCore(this, c, engines[c].Mpe, engines[c].Sfu);
            if (options.ReadsLookupTables)
                core.Tables = new LookupTables(new MemoryRegion(ddr!, TableMaster + c, ddr!.CapacityBytes - tableBytes, tableBytes), options.LutBytes, options.LutResident, Counters);
            _cores.Add(core);
            for (int m = 0; m < ModuleSet.Count; m++)
            {
                var queue = queues[c, m] = new InstructionQueue(sim, options.QueueDepth > 0 ? options.QueueDepth : int.MaxValue);
                var unit = new CoreModuleUnit(core, (Module)m, c * ModuleSet.Count + m, queue);
                _units.Add(unit);
                sim.Process(unit.Run(sim), Layout.Units[c * ModuleSet.Count + m].Name);
            }
        }
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            var module = (Module)m;
            MemoryRegion? stream = null;
            Action<Instruction, double, double, int>? report = null;
            switch (options.InstructionMemory)
            {
                case InstructionMemoryKind.Ddr:
                {
                    // Each module's stream is read sequentially from its own region of DDR.
                    long region = (ddr!.CapacityBytes - tableBytes) / ModuleSet.Count;
                    stream = new MemoryRegion(ddr, InstructionFetch.FetchMaster + m, m * region, region);
                    break;
                }
                case InstructionMemoryKind.Hbm:
                {
                    // All streams share one pseudo-channel, a region each, read through that PC's own port.
                    int pc = InstructionChannel(options, config), channels = config.HbmChannelNum;
                    long channelBytes = hbm!.CapacityBytes / channels, region = channelBytes / ModuleSet.Count;
                    stream = new MemoryRegion(hbm, (2 + m) * channels + pc, pc * channelBytes + m * region, region);
                    if (memory is SystemMemoryPort hbmPort && hbmPort.UnitOf(pc) is int unit)
                        report = (first, start, duration, group) => Observer.Executed(unit, first, start, duration, group);
                    break;
                }
            }
            var fetch = new InstructionFetch(this, module, Enumerable.Range(0, options.Cores).Select(c => queues[c, m]).ToArray(), stream, report);
            sim.Process(fetch.Run(sim), $"fetch {module}");
        }
    }

    /// <summary>The pseudo-channel that holds the instruction streams with <c>instruction_memory: hbm</c>.</summary>
    internal static int InstructionChannel(DetailedOptions options, HardwareConfig config) =>
        options.InstructionPc >= 0 ? options.InstructionPc : config.InstHbmChannelId;

    public MachineLayout Layout { get; }

    internal Simulation Simulation { get; }
    internal DetailedOptions Options { get; }
    internal DatapathPricing Pricing { get; }
    internal IMemoryPort Memory { get; }
    internal IRunObserver Observer { get; }
    internal CoreBarrier Barrier { get; }
    internal ProgramFeed Feed { get; }

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
