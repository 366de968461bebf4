using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Workloads.Masks;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// Prefill attention (spec §3.10) with the block-sparse masks of spec §2: per head and 128-row
/// tile, Q (qkt) or P (qktv) rows go to the A buffer, K^T or V column blocks stream through B.
/// qkt skips key columns no row of the tile uses; qktv zero-fills masked blocks on chip.
/// </summary>
public sealed class AttentionMmGenerator : ILayerGenerator
{
    private const int Blk = 256; // bytes of one 16×16 INT8 block

    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        var layer = group.Layer;
        var cfg = ctx.Config;
        int ach = ctx.Ach, gch = ctx.Gch, f = ctx.F;
        var a = layer.Inputs[0].Shape;
        var b = layer.Inputs[1].Shape;
        int heads = a.B, m = a.M, k = a.K, n = b.K;
        int mb = Tiling.CeilDiv(m, 16), kb = k / 16, nb = n / 16;
        bool qkt = layer.Structure.MaskMode switch
        {
            "qkt" => true,
            "qktv" => false,
            var mode => throw ctx.Error(layer, $"mask_mode '{mode}' is not one of qkt, qktv"),
        };
        bool fused = group.Fusion == FusionKind.Softmax;
        var toOut = fused ? Module.MISC : Module.ST;

        double tile = (cfg.MmParallelM / (double)cfg.MaskLayoutBlockSize) * (cfg.MaskLayoutBlockSize / (double)f);
        ctx.Require(tile == ach, layer, () =>
            $"an attention tile of {tile} blocks (MM_PARALLEL_M {cfg.MmParallelM} / FSB_BLOCK_SIZE {f}) must equal A_BUFFER_HBM_CHANNEL_NUM ({ach})");
        ctx.Require(cfg.ABufferDepth >= kb, layer, () => $"A_BUFFER_DEPTH ({cfg.ABufferDepth}) must hold K = {kb} blocks");
        double idep = Math.Floor(cfg.BBufferDepth / (kb * Blk / (double)cfg.BBufferMmBankWidthB));
        ctx.Require(idep >= 2, layer, () => $"B-buffer double-buffering depth {idep} < 2 (B_BUFFER_DEPTH={cfg.BBufferDepth}, K={kb} blocks)");
        idep *= cfg.BBufferHbmChannelNum;
        int odep = cfg.GlobalBufferDepth / nb;
        ctx.Require(odep >= 2, layer, () => $"global-buffer output depth {odep} < 2 (GLOBAL_BUFFER_DEPTH={cfg.GlobalBufferDepth}, N={nb} blocks)");

        var mask = ctx.Expanded(LayerMask(layer, ctx), cfg.FsbBlockNumPerMaskLayoutBlock, mb, qkt ? nb : kb);
        ctx.Require(mask.Heads >= heads, layer, () => $"mask has {mask.Heads} heads, the layer {heads}");
        int maskCols = mask.Cols;
        var tiles = Tiling.Chunks(0, mb, (int)tile);
        int nT = tiles.Count;
        var cols = new List<int>(nb);

        for (int h = 0; h < heads; h++)
        {
            for (int gi = 0; gi < nT; gi++)
            {
                int g = gi + 1;
                var (sm, em) = tiles[gi];
                int firstA = list.CountOf(Module.LD);
                for (int row = sm; row < em; row++)
                {
                    int nnz = mask.RowCount(h, row);
                    if (qkt)
                    {
                        if (nnz > 0) list.Add(Instruction.Ld(Blk * kb, ach, false, LoadTarget.ABuffer).Moves(Operand.Attention));
                        continue;
                    }
                    if (nnz < kb) list.Add(Instruction.Ld(Blk * (kb - nnz), ach, false, LoadTarget.ABuffer, zeroFill: true).Moves(Operand.Attention));
                    for (int c = 0; c < maskCols;)
                    {
                        if (!mask[h, row, c]) { c++; continue; }
                        int start = c;
                        while (c < maskCols && mask[h, row, c]) c++;
                        list.Add(Instruction.Ld(Blk * (c - start), ach, false, LoadTarget.ABuffer).Moves(Operand.Attention));
                    }
                }
                if (list.CountOf(Module.LD) == firstA)
                    throw ctx.Error(layer, $"head {h}, rows {sm}..{em - 1}: the mask leaves no row to load");
                list.FixFirstWait(Module.LD, firstA, ModuleSet.None.With(Module.MM, sm > 0));

                cols.Clear();
                for (int col = 0; col < nb; col++)
                    if (!qkt || AnyInColumn(mask, h, sm, em, col)) cols.Add(col);
                int tot = cols.Count;
                for (int kk = 1; kk <= tot; kk++)
                {
                    bool relLd = (kk + idep <= tot) || (kk == tot && em < mb);
                    list.Add(Instruction.Ld(Blk * kb, 1, true, LoadTarget.BBuffer).Moves(Operand.Attention)
                        .Waits(ModuleSet.None.With(Module.MM, kk > idep)).Releases(ModuleSet.Of(Module.MM)));
                    list.Add(Instruction.Mm(kb, false, 1)
                        .Waits(ModuleSet.Of(Module.LD).With(toOut, g > odep && kk == 1))
                        .Releases(ModuleSet.None.With(Module.LD, relLd).With(toOut, kk == tot)));
                }

                bool relMm = g + odep <= nT;
                for (int row = sm; row < em; row++)
                {
                    int z = qkt ? mask.RowCount(h, row) : nb;
                    if (qkt && z == 0) continue;
                    bool lastRow = row == em - 1;
                    if (fused)
                    {
                        int firstMisc = list.CountOf(Module.MISC);
                        list.AddRepeated(Instruction.Misc(MiscOp.Softmax, z), 16);
                        list.FixFirstWait(Module.MISC, firstMisc, ModuleSet.None.With(Module.MM, row == sm));
                        list.FixLastRelease(Module.MISC, ModuleSet.Of(Module.ST).With(Module.MM, relMm && lastRow));
                        list.Add(Instruction.St(z * Blk, gch).Moves(Operand.Attention).Waits(ModuleSet.Of(Module.MISC)));
                    }
                    else
                    {
                        list.Add(Instruction.St(z * Blk, gch).Moves(Operand.Attention)
                            .Waits(ModuleSet.None.With(Module.MM, row == sm))
                            .Releases(ModuleSet.None.With(Module.MM, relMm && lastRow)));
                    }
                }
            }
        }
    }

    private static bool AnyInColumn(AttentionMask mask, int h, int rowStart, int rowEnd, int col)
    {
        for (int r = rowStart; r < rowEnd; r++) if (mask[h, r, col]) return true;
        return false;
    }

    private static AttentionMask LayerMask(IrLayer layer, CompilerContext ctx)
    {
        if (layer.Params is not { Count: > 0 }) throw ctx.Error(layer, "has no mask param");
        var name = layer.Params[0].Name;
        if (ctx.Masks is null) throw ctx.Error(layer, $"prefill attention needs the mask '{name}', but no masks were given");
        return ctx.Masks.ForParam(name) ?? throw ctx.Error(layer, $"mask file '{name}.npy' not found in the mask set");
    }
}
