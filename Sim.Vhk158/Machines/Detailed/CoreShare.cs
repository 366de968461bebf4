using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// How one instruction's work divides over N cores under model parallelism: each core computes
/// 1/N of a layer's output columns (and 1/N of the attention heads), so it loads 1/N of the
/// weights (with their sparse indices, biases and scales) and of the per-head attention data,
/// runs 1/N of the matrix and SFU work and stores 1/N of the result, while every core loads the
/// whole input activation. SYS is a barrier of all cores. What a load moves is the compiler's
/// <see cref="Operand"/>; loads it left unmarked keep the buffer rule (A and global buffer: the
/// activation, whole on every core).
/// </summary>
public static class CoreShare
{
    public static double Of(in Instruction i, int cores)
    {
        if (cores == 1) return 1.0;
        return i.Module switch
        {
            Module.LD => i.Operand switch
            {
                Operand.Weight or Operand.Attention => 1.0 / cores,
                Operand.ActivationVector => 1.0,
                _ => i.Target is LoadTarget.ABuffer or LoadTarget.GlobalBuffer ? 1.0 : 1.0 / cores,
            },
            Module.SYS => 1.0,
            _ => 1.0 / cores,
        };
    }
}
