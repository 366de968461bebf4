using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// How one instruction's work divides over N cores under model parallelism: each core computes
/// 1/N of a layer's output columns, so it loads 1/N of the weights (and their sparse indices,
/// biases and scales), runs 1/N of the matrix and SFU work and stores 1/N of the result, while
/// every core loads the whole activation (A buffer, global buffer). SYS is a barrier of all cores.
/// </summary>
public static class CoreShare
{
    public static double Of(in Instruction i, int cores)
    {
        if (cores == 1) return 1.0;
        return i.Module switch
        {
            Module.LD => i.Target is LoadTarget.ABuffer or LoadTarget.GlobalBuffer ? 1.0 : 1.0 / cores,
            Module.SYS => 1.0,
            _ => 1.0 / cores,
        };
    }
}
