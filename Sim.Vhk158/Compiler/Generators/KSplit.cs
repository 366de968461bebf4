namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// The reduction-dimension split of the linear generators (spec §3.7, §3.9): start from a split
/// estimated from the buffer depth, then grow it until a weight chunk and its meta data both fit
/// the buffers at least twice (double buffering). Arithmetic mirrors the reference's float
/// floor divisions.
/// </summary>
public sealed record KSplit(List<(int Start, int End)> Chunks, double DepW, double DepM)
{
    /// <param name="kb">K in blocks.</param>
    /// <param name="f">FSB block size.</param>
    /// <param name="weightAddr">buffer lines per weight unit (Aaddr / Baddr).</param>
    /// <param name="metaAddr">meta lines per unit (Maddr).</param>
    /// <param name="perLoop">divisor applied to the chunk size (loops for MV, 1 for MM).</param>
    /// <param name="weightDepth">depth of the weight buffer (A for MV, B for MM).</param>
    /// <param name="metaDepth">META_BUFFER_DEPTH.</param>
    /// <param name="fail">builds the error when no split fits.</param>
    public static KSplit Find(int kb, int f, double weightAddr, double metaAddr, int perLoop,
        int weightDepth, int metaDepth, Func<string, Exception> fail)
    {
        double a = (f * kb / 2.0) * weightAddr, b = weightDepth / 2.0;
        double split = Math.Floor((a + b - 1) / b);
        if (split < 1) split = 1;
        while (true)
        {
            if (split > kb) throw fail($"no K split of {kb} blocks fits the buffers twice (weight depth {weightDepth}, META_BUFFER_DEPTH {metaDepth})");
            int unit = (int)Math.Floor(kb / split);
            var chunks = Tiling.Chunks(0, kb, unit);
            double maxW = 0, maxM = 0;
            foreach (var (s, e) in chunks)
            {
                double half = Math.Floor(f * (e - s) / 2.0);
                maxW = Math.Max(maxW, Math.Floor(half * weightAddr / perLoop));
                maxM = Math.Max(maxM, Math.Floor(half * metaAddr / perLoop));
            }
            if (maxW <= 0 || maxM <= 0) throw fail($"a K chunk of {unit} blocks occupies no buffer line (weight {maxW}, meta {maxM})");
            double depW = Math.Floor(weightDepth / maxW), depM = Math.Floor(metaDepth / maxM);
            if (depW >= 2 && depM >= 2) return new KSplit(chunks, depW, depM);
            split += 1;
        }
    }
}
