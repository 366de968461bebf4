using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// Decode attention (spec §3.8): the query (qkt) or probabilities (qktv) of all heads sit in
/// the B buffer; K or V stream into the A buffer, one MV per nmv output blocks per head. The
/// sparse masks are not used in decode.
/// </summary>
public sealed class AttentionMvGenerator : ILayerGenerator
{
    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        var layer = group.Layer;
        var cfg = ctx.Config;
        int loops = ctx.Loops, nmv = ctx.Nmv, ach = ctx.Ach;
        var a = layer.Inputs[0].Shape;
        var b = layer.Inputs[1].Shape;
        int heads = a.B, k = a.K, n = b.K;
        int kb = k / 16, nb = n / 16;
        int need = Tiling.CeilDiv(nb, nmv) * nmv, tot = need / nmv;
        int lineB = 16 * k;
        double aLine = (double)lineB * loops / cfg.ABufferMvPerChannelWidthB;
        double dep = Math.Floor(cfg.ABufferDepth / aLine);
        ctx.Require(dep >= 2, layer, () => $"A-buffer double-buffering depth {dep} < 2 (A_BUFFER_DEPTH={cfg.ABufferDepth}, {aLine} lines per MV)");
        ctx.Require(heads * Tiling.CeilDiv(k, 16) <= cfg.BBufferDepth, layer, () =>
            $"{heads} heads × {Tiling.CeilDiv(k, 16)} blocks do not fit B_BUFFER_DEPTH ({cfg.BBufferDepth})");
        int outLines = need * Tiling.CeilDiv(Tiling.CeilDiv(cfg.MvStartNNum, ctx.Gch), cfg.GlobalBufferMvPerChannelWidthB);
        ctx.Require(outLines <= cfg.GlobalBufferDepth, layer, () =>
            $"output of {outLines} lines does not fit GLOBAL_BUFFER_DEPTH ({cfg.GlobalBufferDepth})");
        bool fused = group.Fusion == FusionKind.Softmax;

        Span<int> data = stackalloc int[ach];
        for (int c = 0; c < ach; c++)
        {
            int d = 0;
            for (int l = 0; l < loops; l++) if (l * ach + c < nb) d++;
            data[c] = d;
        }

        list.Add(Instruction.Ld(heads * k, 1, true, LoadTarget.BBuffer).Moves(Operand.ActivationVector));
        for (int h = 0; h < heads; h++)
        {
            bool lastHead = h == heads - 1;
            for (int j = 1; j <= tot; j++)
            {
                int firstLd = list.CountOf(Module.LD);
                for (int c = 0; c < ach; c++)
                    if (data[c] > 0) list.Add(Instruction.Ld(lineB * data[c], ach, false, LoadTarget.ABuffer).Moves(Operand.Attention));
                list.FixFirstWait(Module.LD, firstLd, ModuleSet.None.With(Module.MV, j > dep));
                list.FixLastRelease(Module.LD, ModuleSet.Of(Module.MV));
                list.Add(Instruction.Mv(kb, false, 1)
                    .Waits(ModuleSet.Of(Module.LD))
                    .Releases(ModuleSet.None
                        .With(Module.LD, j + dep <= tot)
                        .With(Module.ST, j == tot && lastHead && !fused)
                        .With(Module.MISC, j == tot && fused)));
            }
            if (fused)
                list.Add(Instruction.Misc(MiscOp.Softmax, nb).Waits(ModuleSet.Of(Module.MV)).Releases(ModuleSet.None.With(Module.ST, lastHead)));
        }
        list.Add(Instruction.St(heads * n, 1).Moves(Operand.ActivationVector).Waits(ModuleSet.Of(fused ? Module.MISC : Module.MV)));
    }
}
