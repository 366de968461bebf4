using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// A MISC layer on its own (spec §3.5): one row of K bytes per step, LD → MISC → ST, with the
/// global buffer double-buffered <c>dep</c> rows deep.
/// </summary>
public sealed class MiscLayerGenerator : ILayerGenerator
{
    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        var layer = group.Layer;
        var cfg = ctx.Config;
        var op = MiscOps.For(layer, ctx);
        bool eltwise = op is MiscOp.EltwiseAdd or MiscOp.EltwiseMul;
        var shape = layer.Inputs[0].Shape;
        int k = shape.K, kb = k / 16;
        int lineWidth = cfg.GlobalBufferMiscPerChannelWidthB * ctx.Gch;
        ctx.Require(k % lineWidth == 0, layer, () =>
            $"row length K={k} must be a multiple of GLOBAL_BUFFER_MISC_PER_CHANNEL_WIDTH_B × GLOBAL_BUFFER_HBM_CHANNEL_NUM = {lineWidth}");
        int line = k / lineWidth;
        double range = eltwise ? cfg.GlobalBufferDepth / 2.0 : cfg.GlobalBufferDepth;
        double dep = Math.Floor(range / line);
        ctx.Require(dep >= 2, layer, () =>
            $"global-buffer double-buffering depth {dep} < 2 (GLOBAL_BUFFER_DEPTH={cfg.GlobalBufferDepth}, {line} lines per row)");
        long total = (long)shape.B * shape.M;
        // One row per batch entry (decode): a token's vector, which always-on-chip decode keeps on chip.
        var operand = shape.M == 1 ? Operand.ActivationVector : Operand.Activation;
        for (long n = 1; n <= total; n++)
        {
            bool pastDep = n > dep, beforeEnd = n + dep <= total;
            if (eltwise)
            {
                list.Add(Instruction.Ld(k, 1, false, LoadTarget.GlobalBuffer).Moves(operand).Waits(ModuleSet.None.With(Module.MISC, pastDep)));
                list.Add(Instruction.Ld(k, 1, false, LoadTarget.GlobalBuffer).Moves(operand).Releases(ModuleSet.Of(Module.MISC)));
            }
            else
            {
                list.Add(Instruction.Ld(k, 1, false, LoadTarget.GlobalBuffer).Moves(operand)
                    .Waits(ModuleSet.None.With(Module.MISC, pastDep)).Releases(ModuleSet.Of(Module.MISC)));
            }
            list.Add(Instruction.Misc(op, kb)
                .Waits(ModuleSet.Of(Module.LD).With(Module.ST, pastDep))
                .Releases(ModuleSet.Of(Module.ST).With(Module.LD, beforeEnd)));
            list.Add(Instruction.St(k, 1).Moves(operand)
                .Waits(ModuleSet.Of(Module.MISC)).Releases(ModuleSet.None.With(Module.MISC, beforeEnd)));
        }
    }
}
