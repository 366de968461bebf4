using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Observation;

/// <summary>
/// Everything a run reports goes through this one interface: which units the machine has, each
/// group as it enters the machine, every executed instruction (unit, start and duration in ms, group),
/// each watched resource, and the end. Totals for the profiler CSV, per-instruction traces and
/// timelines are all observers; a machine calls them in simulation order.
/// </summary>
public interface IRunObserver
{
    /// <summary>The machine is built: its units, indexed as <see cref="Executed"/> names them.</summary>
    void Start(MachineLayout layout);

    /// <summary>A group enters the machine (before any of its instructions executes).</summary>
    void BeginGroup(LayerGroup group);

    /// <summary>
    /// Unit <paramref name="unit"/> executed <paramref name="instruction"/> of group
    /// <paramref name="group"/>, starting at <paramref name="start"/> ms for
    /// <paramref name="duration"/> ms (it ended at start + duration). The duration is passed as
    /// the machine priced it, since end − start may differ from it in the last bit.
    /// </summary>
    void Executed(int unit, in Instruction instruction, double start, double duration, int group);

    /// <summary>
    /// Whether the machine should attach monitors to its resources (channels, engines, FIFOs) and
    /// hand them to <see cref="Watch"/>. Monitors cost time, so machines attach none when no
    /// observer asks.
    /// </summary>
    bool WatchesResources { get; }

    /// <summary>A monitored resource of the machine, read after the run.</summary>
    void Watch(WatchedResource resource);

    /// <summary>
    /// Counter unit <paramref name="unit"/> (kind "counter": bytes moved, MACs) ends the run at
    /// <paramref name="amount"/>; reported once, before <see cref="Finish"/>. Ignored by default.
    /// </summary>
    void Counted(int unit, long amount) { }

    /// <summary>The run is over; <paramref name="totalMs"/> is its latency.</summary>
    void Finish(double totalMs);
}
