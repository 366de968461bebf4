using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// How a core's load/store units reach memory. An analytic port prices each transfer on its own
/// (no contention: the reference's formulas); a contended port books it on a memory system whose
/// channels the transfers of every core share. Either way the price is known when the transfer
/// starts, so the unit waits for it with one event however many channels it touches.
/// </summary>
internal interface IMemoryPort
{
    /// <summary>
    /// Starts an LD or ST of core <paramref name="core"/> (in group <paramref name="group"/>) doing
    /// <paramref name="share"/> of its bytes now; returns how long (ms) until its last byte has moved.
    /// </summary>
    double Start(in Instruction i, int core, double share, int group);
}
