using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Observation;

/// <summary>
/// One part of a machine that executes or serves work and is reported on: a module queue of a
/// core, an HBM channel, an engine. Machines name and count their own units.
/// </summary>
/// <param name="Name">unique within the machine, e.g. <c>LD</c> or <c>core1.MM</c> or <c>hbm.pc07</c></param>
/// <param name="Kind">what it is: <see cref="ModuleKind"/> for instruction queues, else the machine's word</param>
/// <param name="Core">the core it belongs to (0 on a one-core machine; -1 for shared units)</param>
/// <param name="Module">the instruction queue it is, for module units</param>
public sealed record UnitInfo(string Name, string Kind, int Core, Module? Module)
{
    /// <summary>The kind of the units that execute instructions (the rows of the profiler CSV).</summary>
    public const string ModuleKind = "module";

    /// <summary>The kind of units that count what a run moved or computed (bytes, MACs): rows of the CSV, never busy.</summary>
    public const string CounterKind = "counter";

    /// <summary>A module queue of a core: named by the module alone on one core, <c>coreN.MODULE</c> otherwise.</summary>
    public static UnitInfo ForModule(Module module, int core = 0, bool multiCore = false) =>
        new(multiCore ? $"core{core}.{module}" : module.ToString(), ModuleKind, core, module);
}
