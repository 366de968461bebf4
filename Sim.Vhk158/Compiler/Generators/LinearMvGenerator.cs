using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// Decode linear layers (spec §3.7): the activation sits in the B buffer, weights stream into
/// the A buffer over all its channels, one MV per (N group of nmv blocks, K chunk).
/// </summary>
public sealed class LinearMvGenerator : ILayerGenerator
{
    public void Emit(LayerGroup group, CompilerContext ctx, InstructionList list)
    {
        var layer = group.Layer;
        var cfg = ctx.Config;
        int f = ctx.F, loops = ctx.Loops, nmv = ctx.Nmv, ach = ctx.Ach;
        var weight = layer.Params![0];
        int k = weight.Shape.M, n = weight.Shape.K;
        int nb = n / 16, kb = k / 16;
        var sparsity = weight.Sparsity ?? Sparsity.Dense;
        bool bias = layer.Structure.BiasFlag == true;

        int need = Tiling.CeilDiv(nb, nmv) * nmv;
        int aUnit = f * 2 * loops;
        ctx.Require(aUnit % cfg.ABufferMvPerChannelWidthB == 0, layer, () =>
            $"A unit {aUnit} B must be a multiple of A_BUFFER_MV_PER_CHANNEL_WIDTH_B ({cfg.ABufferMvPerChannelWidthB})");
        ctx.Require(f * loops % cfg.MetaBufferBankWidthB == 0, layer, () =>
            $"meta unit {f * loops} B must be a multiple of META_BUFFER_BANK_WIDTH_B ({cfg.MetaBufferBankWidthB})");
        double aAddr = aUnit / (double)cfg.ABufferMvPerChannelWidthB;
        double mAddr = f * loops / (double)cfg.MetaBufferBankWidthB;

        var split = KSplit.Find(kb, f, aAddr, mAddr, loops, cfg.ABufferDepth, cfg.MetaBufferDepth, m => ctx.Error(layer, m));
        var chunks = split.Chunks;
        int ns = chunks.Count;
        double fline = Math.Floor(Tiling.CeilDiv(kb, ns) / (double)cfg.FsbBufferBankWidthB);
        ctx.Require(fline > 0, layer, () => "FSB line of a K chunk is empty");
        double depF = Math.Floor(cfg.MetaBufferDepth / fline);
        ctx.Require(depF >= 2, layer, () => $"FSB double-buffering depth {depF} < 2 (META_BUFFER_DEPTH={cfg.MetaBufferDepth})");
        double dep = Math.Min(Math.Min(split.DepW, split.DepM), depF);

        int groups = need / nmv, total = groups * ns;
        double ratio = 2 / sparsity.Ratio;
        bool fused = group.IsFused;

        list.Add(Instruction.Ld(layer.Inputs[0].Shape.M * k, 1, true, LoadTarget.BBuffer).Moves(Operand.ActivationVector));
        if (bias) list.Add(Instruction.Ld(4 * n, 1, false, LoadTarget.Bias).Moves(Operand.Weight));

        // Per-channel share of a group: counts ignore the group offset, as the reference does.
        Span<int> data = stackalloc int[ach];
        for (int c = 0; c < ach; c++)
        {
            int d = 0;
            for (int l = 0; l < loops; l++) if (l * ach + c < nb) d++;
            data[c] = d;
        }

        int cid = 0;
        for (int g = 0; g < groups; g++)
        {
            bool lastGroup = g == groups - 1;
            foreach (var (s, e) in chunks)
            {
                cid++;
                bool lastK = e == kb;
                int firstLd = list.CountOf(Module.LD);
                for (int c = 0; c < ach; c++)
                {
                    if (data[c] == 0) continue;
                    int zero = loops - data[c];
                    int w = data[c] * (f * (e - s) / 2) * aUnit / loops;
                    list.Add(Instruction.Ld(w - zero * 256, ach, false, LoadTarget.ABuffer, ratio).Moves(Operand.Weight).Keeps(sparsity.Ratio));
                }
                if (list.CountOf(Module.LD) > firstLd)
                {
                    list.FixFirstWait(Module.LD, firstLd, ModuleSet.None.With(Module.MV, cid > dep));
                    list.FixLastRelease(Module.LD, ModuleSet.Of(Module.MV));
                }
                list.Add(Instruction.Mv(e - s, sparsity.Flag, sparsity.Ratio)
                    .Waits(ModuleSet.Of(Module.LD))
                    .Releases(ModuleSet.None
                        .With(Module.LD, cid + dep <= total)
                        .With(Module.ST, cid == total && lastK && !fused)
                        .With(Module.MISC, lastK && fused)));
            }
            if (fused)
                FusedMisc.Emit(group, ctx, list, Module.MV, nmv, ctx.Gch, nmv * 16, ModuleSet.None.With(Module.ST, lastGroup));
        }
        list.Add(Instruction.St(n, 1).Moves(Operand.ActivationVector).Waits(ModuleSet.Of(fused ? Module.MISC : Module.MV)));
    }
}
