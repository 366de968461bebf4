using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// KV-cache concat (spec §3.6): the past K or V is loaded over all A-buffer channels; the new row
/// is never stored (an ST of length 0 closes the group without waiting for the loads).
/// </summary>
public sealed class ConcatGenerator : ILayerGenerator
{
    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        long bytes = Tiling.CeilDiv(group.Layer.Inputs[0].Shape.Elements, ctx.Ach);
        ctx.Require(bytes <= int.MaxValue, group.Layer, () => $"concat load of {bytes} B is too large");
        for (int c = 0; c < ctx.Ach; c++)
            list.Add(Instruction.Ld((int)bytes, ctx.Ach, false, LoadTarget.ABuffer).Moves(Operand.Attention));
        list.Add(Instruction.St(0, 1));
    }
}
