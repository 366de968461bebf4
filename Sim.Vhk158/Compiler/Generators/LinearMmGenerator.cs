using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// Prefill linear layers (spec §3.9): a 128-row tile of the activation stays in the A buffer
/// while the weights stream through the B buffer, one MM per (output column block, K chunk).
/// </summary>
public sealed class LinearMmGenerator : ILayerGenerator
{
    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        var layer = group.Layer;
        var cfg = ctx.Config;
        int f = ctx.F, ach = ctx.Ach, gch = ctx.Gch;
        var weight = layer.Params![0];
        int k = weight.Shape.M, n = weight.Shape.K, m = layer.Inputs[0].Shape.M;
        int nb = n / 16, kb = k / 16, mb = Tiling.CeilDiv(m, 16);
        int lastSave = m - (mb - 1) * 16;
        var sparsity = weight.Sparsity ?? Sparsity.Dense;
        bool bias = layer.Structure.BiasFlag == true;

        int bUnit = 2 * f;
        ctx.Require(bUnit % cfg.BBufferMmBankWidthB == 0, layer, () =>
            $"B unit {bUnit} B must be a multiple of B_BUFFER_MM_BANK_WIDTH_B ({cfg.BBufferMmBankWidthB})");
        double bAddr = bUnit / (double)cfg.BBufferMmBankWidthB;
        double mAddr = f / (double)cfg.MetaBufferBankWidthB;
        ctx.Require(cfg.ABufferDepth >= kb, layer, () => $"A_BUFFER_DEPTH ({cfg.ABufferDepth}) must hold K = {kb} blocks");
        ctx.Require(cfg.MmParallelM % f == 0, layer, () => $"MM_PARALLEL_M ({cfg.MmParallelM}) must be a multiple of FSB_BLOCK_SIZE ({f})");

        var split = KSplit.Find(kb, f, bAddr, mAddr, 1, cfg.BBufferDepth, cfg.MetaBufferDepth, msg => ctx.Error(layer, msg));
        var chunks = split.Chunks;
        int ns = chunks.Count;
        double depW = split.DepW * cfg.BBufferHbmChannelNum, depM = split.DepM * cfg.MetaBufferHbmChannelNum;
        double fline = Math.Floor(Tiling.CeilDiv(kb, ns) / (double)cfg.FsbBufferBankWidthB);
        ctx.Require(fline > 0, layer, () => "FSB line of a K chunk is empty");
        double depF0 = Math.Floor(cfg.MetaBufferDepth / fline);
        ctx.Require(depF0 >= 2, layer, () => $"FSB double-buffering depth {depF0} < 2 (META_BUFFER_DEPTH={cfg.MetaBufferDepth})");
        double dep = Math.Min(Math.Min(depW, depM), depF0 * cfg.FsbBufferHbmChannelNum);
        int odep = cfg.GlobalBufferDepth;

        double ratio = 2 / sparsity.Ratio;
        bool fused = group.IsFused;
        var toOut = fused ? Module.MISC : Module.ST;

        if (bias) list.Add(Instruction.Ld(4 * n, 1, false, LoadTarget.Bias).Moves(Operand.Weight));
        foreach (var (sm, em) in Tiling.Chunks(0, mb, cfg.MmParallelM / f))
        {
            int rows = em - sm;
            int firstA = list.CountOf(Module.LD);
            for (int r = 0; r < rows; r++) list.Add(Instruction.Ld(256 * kb, ach, false, LoadTarget.ABuffer));
            list.FixFirstWait(Module.LD, firstA, ModuleSet.None.With(Module.MM, sm > 0));

            int totLd = nb * ns, totOut = nb, kk = 0;
            for (int col = 0; col < nb; col++)
            {
                int oc = col + 1;
                foreach (var (s, e) in chunks)
                {
                    kk++;
                    bool lastK = e == kb;
                    bool relLd = (kk + dep <= totLd) || (kk == totLd && em < mb && lastK);
                    list.Add(Instruction.Ld(256 * (e - s), 1, true, LoadTarget.BBuffer, ratio).Moves(Operand.Weight).Keeps(sparsity.Ratio)
                        .Waits(ModuleSet.None.With(Module.MM, kk > dep)).Releases(ModuleSet.Of(Module.MM)));
                    list.Add(Instruction.Mm(e - s, sparsity.Flag, sparsity.Ratio)
                        .Waits(ModuleSet.Of(Module.LD).With(toOut, oc > odep && lastK))
                        .Releases(ModuleSet.None.With(toOut, lastK).With(Module.LD, relLd)));
                }
                bool relMm = oc + odep <= totOut;
                if (fused)
                    FusedMisc.Emit(group, ctx, list, Module.MM, rows, rows, 256, ModuleSet.Of(Module.ST).With(Module.MM, relMm));
                int firstSt = list.CountOf(Module.ST);
                for (int r = sm; r < em; r++)
                    list.Add(Instruction.St(r < mb - 1 ? 256 : lastSave, gch));
                list.FixFirstWait(Module.ST, firstSt, ModuleSet.Of(fused ? Module.MISC : Module.MM));
                list.FixLastRelease(Module.ST, ModuleSet.None.With(Module.MM, relMm && !fused));
            }
        }
    }
}
