using Sim.Core.Events;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// How a core's load/store units reach memory. An analytic port prices each transfer on its own
/// (no contention: the reference's formulas); a contended port starts it on a memory system whose
/// channels the transfers of every core share.
/// </summary>
internal interface IMemoryPort
{
    /// <summary>True when <see cref="Price"/> is to be used; false when transfers are started with <see cref="Start"/>.</summary>
    bool IsAnalytic { get; }

    /// <summary>The duration (ms) of an LD or ST doing <paramref name="share"/> of its bytes.</summary>
    double Price(in Instruction i, double share);

    /// <summary>Starts an LD or ST of core <paramref name="core"/> now; the event fires when it is done.</summary>
    Event Start(in Instruction i, int core, double share);
}
