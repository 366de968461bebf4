using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// Decode attention (spec §3.8): the query (qkt) or probabilities (qktv) of all heads sit in
/// the B buffer; K or V stream into the A buffer, one MV per nmv output blocks per head. The
/// sparse masks are not used in decode.
/// </summary>
/// <remarks>
/// Two extensions leave the reference's code unchanged wherever it applies:
/// <list type="bullet">
/// <item>Grouped-query attention (input[1] has KV heads, fewer than the H query heads): each
/// K/V slice is loaded once per key/value head and used by the MVs of its H/KV query heads, so
/// the K/V traffic follows the KV head count.</item>
/// <item>When the B buffer cannot hold every head's rows at once (the reference asserts; e.g.
/// LLaMA2-13B's 40 heads × 2048/16 probability blocks against B_BUFFER_DEPTH 4096), the heads
/// are taken in chunks that fit: each chunk's B load waits until the previous chunk's last MV
/// has read the buffer.</item>
/// </list>
/// </remarks>
public sealed class AttentionMvGenerator : ILayerGenerator
{
    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        var layer = group.Layer;
        var cfg = ctx.Config;
        int loops = ctx.Loops, nmv = ctx.Nmv, ach = ctx.Ach;
        var a = layer.Inputs[0].Shape;
        var b = layer.Inputs[1].Shape;
        int heads = a.B, kvHeads = b.B, k = a.K, n = b.K;
        ctx.Require(kvHeads > 0 && heads % kvHeads == 0, layer, () => $"input[1] has {kvHeads} heads, which must divide the {heads} query heads");
        int qPerKv = heads / kvHeads;
        int kb = k / 16, nb = n / 16;
        int need = Tiling.CeilDiv(nb, nmv) * nmv, tot = need / nmv;
        int lineB = 16 * k;
        double aLine = (double)lineB * loops / cfg.ABufferMvPerChannelWidthB;
        double dep = Math.Floor(cfg.ABufferDepth / aLine);
        ctx.Require(dep >= 2, layer, () => $"A-buffer double-buffering depth {dep} < 2 (A_BUFFER_DEPTH={cfg.ABufferDepth}, {aLine} lines per MV)");
        int rowBlocks = Tiling.CeilDiv(k, 16);
        ctx.Require(qPerKv * rowBlocks <= cfg.BBufferDepth, layer, () =>
            $"{qPerKv} head{(qPerKv == 1 ? "" : "s")} × {rowBlocks} blocks do not fit B_BUFFER_DEPTH ({cfg.BBufferDepth})");
        int kvPerChunk = Math.Min(kvHeads, cfg.BBufferDepth / (qPerKv * rowBlocks));   // all heads at once where they fit
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

        for (int c0 = 0; c0 < kvHeads; c0 += kvPerChunk)
        {
            int c1 = Math.Min(c0 + kvPerChunk, kvHeads);
            list.Add(Instruction.Ld((c1 - c0) * qPerKv * k, 1, true, LoadTarget.BBuffer).Moves(Operand.ActivationVector).Waits(ModuleSet.None.With(Module.MV, c0 > 0)));
            for (int kvh = c0; kvh < c1; kvh++)
            {
                bool lastHead = kvh == kvHeads - 1;
                bool chunkEnd = kvh == c1 - 1 && c1 < kvHeads;   // the next chunk's B load waits for this
                for (int j = 1; j <= tot; j++)
                {
                    int firstLd = list.CountOf(Module.LD);
                    for (int c = 0; c < ach; c++)
                        if (data[c] > 0) list.Add(Instruction.Ld(lineB * data[c], ach, false, LoadTarget.ABuffer).Moves(Operand.Attention));
                    list.FixFirstWait(Module.LD, firstLd, ModuleSet.None.With(Module.MV, j > dep));
                    list.FixLastRelease(Module.LD, ModuleSet.Of(Module.MV));
                    // One MV per query head of the group on the same K/V slice; the last frees the slice.
                    for (int q = 0; q < qPerKv; q++)
                    {
                        bool lastQ = q == qPerKv - 1;
                        list.Add(Instruction.Mv(kb, false, 1)
                            .Waits(ModuleSet.None.With(Module.LD, q == 0))
                            .Releases(ModuleSet.None
                                .With(Module.LD, lastQ && (j + dep <= tot || (j == tot && chunkEnd)))
                                .With(Module.ST, j == tot && lastHead && lastQ && !fused)
                                .With(Module.MISC, j == tot && fused)));
                    }
                }
                if (fused)
                    for (int q = 0; q < qPerKv; q++)
                        list.Add(Instruction.Misc(MiscOp.Softmax, nb).Waits(ModuleSet.Of(Module.MV))
                            .Releases(ModuleSet.None.With(Module.ST, lastHead && q == qPerKv - 1)));
            }
        }
        list.Add(Instruction.St(heads * n, 1).Moves(Operand.ActivationVector).Waits(ModuleSet.Of(fused ? Module.MISC : Module.MV)));
    }
}
