using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Workloads.Masks.Synthetic;

/// <summary>
/// Builds block-level attention masks with the reference's exact structure (spec §2.3) for
/// what-if studies and for users without masks: causal; in head (l, h) row r has exactly
/// min(r+1, k[l][h]) true blocks; per-head budgets k vary (seeded) and are chosen so the overall
/// causal density hits the target as closely as integer budgets allow. Which columns a row keeps
/// is data-dependent in the reference (a top-k of attention scores); here a row keeps the
/// diagonal, the sink column, the local window, then seeded uniform picks among the rest.
/// </summary>
public static class SyntheticMaskGenerator
{
    public static MaskSet Generate(SyntheticMaskOptions options)
    {
        var budgets = ChooseRowBudgets(options);
        var rng = new Xoshiro256StarStar(options.Seed ^ 0x6D61736B5F726F77UL); // independent of the budget stream
        int n = options.Blocks;
        var layers = new AttentionMask[options.Layers];
        var candidates = new int[n];
        for (int l = 0; l < options.Layers; l++)
        {
            var data = new bool[options.Heads * n * n];
            for (int h = 0; h < options.Heads; h++)
                for (int r = 0; r < n; r++)
                    FillRow(data.AsSpan((h * n + r) * n, n), r, budgets[l][h], options, rng, candidates);
            layers[l] = new AttentionMask(options.Heads, n, n, data);
        }
        return new MaskSet(layers);
    }

    /// <summary>
    /// The per-head row budgets k[layer][head]. Seeded weights (a layer factor times a head
    /// factor) are scaled so the rounded budgets come closest to the target number of true
    /// blocks, then single heads (and pairs of heads) are nudged by one to close the remainder.
    /// </summary>
    public static int[][] ChooseRowBudgets(SyntheticMaskOptions options)
    {
        options.Validate();
        int n = options.Blocks, minK = options.MinK, maxK = options.EffectiveMaxK;
        int count = options.Layers * options.Heads;
        long total = count * CausalBlocks(n);
        long target = (long)Math.Round(options.TargetDensity * total, MidpointRounding.ToEven);
        long lowest = count * RowBudgetBlocks(n, minK), highest = count * RowBudgetBlocks(n, maxK);
        if (target < lowest || target > highest)
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"synthetic masks: TargetDensity {options.TargetDensity} is not reachable with k in {minK}..{maxK} " +
                $"over {n} blocks: the reachable causal density is {(double)lowest / total:F4}..{(double)highest / total:F4}"));

        var rng = new Xoshiro256StarStar(options.Seed);
        var weights = new double[count];
        for (int l = 0; l < options.Layers; l++)
        {
            double layerFactor = 0.5 + rng.NextDouble(); // layers differ ~3× (reference mean k 4..12)
            for (int h = 0; h < options.Heads; h++)
                weights[l * options.Heads + h] = layerFactor * (0.4 + 1.2 * rng.NextDouble());
        }
        var order = Permutation(count, rng); // tie-break order for the nudges, so they spread out

        var k = ScaledBudgets(weights, n, minK, maxK, target);
        Nudge(k, order, n, minK, maxK, target - k.Sum(x => RowBudgetBlocks(n, x)));

        var result = new int[options.Layers][];
        for (int l = 0; l < options.Layers; l++) result[l] = k[(l * options.Heads)..((l + 1) * options.Heads)];
        return result;
    }

    /// <summary>Blocks in the causal part of an n×n mask: n(n+1)/2.</summary>
    public static long CausalBlocks(int n) => (long)n * (n + 1) / 2;

    /// <summary>True blocks of one n×n head with row budget k: Σ_r min(r+1, k).</summary>
    public static long RowBudgetBlocks(int n, int k) =>
        k >= n ? CausalBlocks(n) : (long)k * (k + 1) / 2 + (long)(n - k) * k;

    private static int[] ScaledBudgets(double[] weights, int n, int minK, int maxK, long target)
    {
        int[] At(double s) => weights.Select(w => (int)Math.Clamp(Math.Round(s * w, MidpointRounding.AwayFromZero), minK, maxK)).ToArray();
        long Sum(int[] k) => k.Sum(x => RowBudgetBlocks(n, x));

        double lo = 0, hi = (maxK + 1) / weights.Min();
        if (Sum(At(lo)) >= target) return At(lo);
        for (int i = 0; i < 100; i++) // Sum(At(lo)) < target <= Sum(At(hi)) throughout
        {
            double mid = 0.5 * (lo + hi);
            if (Sum(At(mid)) < target) lo = mid; else hi = mid;
        }
        var below = At(lo);
        var above = At(hi);
        return target - Sum(below) < Sum(above) - target ? below : above;
    }

    /// <summary>
    /// Closes the remaining gap <paramref name="gap"/> (target minus current true blocks) by moving
    /// single budgets by one (changes of n-k blocks) and then pairs (one up, one down: changes of
    /// any small size), each move strictly shrinking the gap.
    /// </summary>
    private static void Nudge(int[] k, int[] order, int n, int minK, int maxK, long gap)
    {
        long Up(int kv) => n - kv;        // RowBudgetBlocks(n, k+1) - RowBudgetBlocks(n, k)
        long Down(int kv) => n - kv + 1;  // RowBudgetBlocks(n, k) - RowBudgetBlocks(n, k-1)

        while (gap != 0)
        {
            int bestHead = -1, bestStep = 0;
            long bestGap = Math.Abs(gap);
            foreach (int i in order)
            {
                if (k[i] < maxK && Math.Abs(gap - Up(k[i])) < bestGap) (bestHead, bestStep, bestGap) = (i, +1, Math.Abs(gap - Up(k[i])));
                if (k[i] > minK && Math.Abs(gap + Down(k[i])) < bestGap) (bestHead, bestStep, bestGap) = (i, -1, Math.Abs(gap + Down(k[i])));
            }
            if (bestHead >= 0)
            {
                gap -= bestStep > 0 ? Up(k[bestHead]) : -Down(k[bestHead]);
                k[bestHead] += bestStep;
                continue;
            }

            // Pairs: raise a head at budget ka, lower another at kb; net change Up(ka) - Down(kb).
            var firstTwo = new List<int>?[maxK + 1]; // per budget value, its first two heads in order
            foreach (int i in order)
            {
                var list = firstTwo[k[i]] ??= new List<int>(2);
                if (list.Count < 2) list.Add(i);
            }
            int bestUp = -1, bestDown = -1;
            for (int ka = minK; ka < maxK; ka++)
            {
                if (firstTwo[ka] is not { } ups) continue;
                for (int kb = minK + 1; kb <= maxK; kb++)
                {
                    if (firstTwo[kb] is not { } downs || (ka == kb && downs.Count < 2)) continue;
                    long change = Up(ka) - Down(kb);
                    if (Math.Abs(gap - change) < bestGap)
                        (bestUp, bestDown, bestGap) = (ups[0], ka == kb ? downs[1] : downs[0], Math.Abs(gap - change));
                }
            }
            if (bestUp < 0) return; // no move gets closer: as close as integer budgets allow
            gap -= Up(k[bestUp]) - Down(k[bestDown]);
            k[bestUp]++;
            k[bestDown]--;
        }
    }

    /// <summary>
    /// Row r of one head with budget k: all of 0..r while r+1 &lt;= k, else exactly k blocks: the
    /// diagonal, the sink column, the rest of the local window, then seeded picks.
    /// </summary>
    private static void FillRow(Span<bool> row, int r, int k, SyntheticMaskOptions o, Xoshiro256StarStar rng, int[] candidates)
    {
        if (r + 1 <= k)
        {
            row[..(r + 1)].Fill(true);
            return;
        }
        int picked = 0;
        void Keep(Span<bool> row, int col)
        {
            if (picked < k && !row[col]) { row[col] = true; picked++; }
        }
        if (o.LocalWindow >= 1) Keep(row, r);
        if (o.AttentionSink) Keep(row, 0);
        for (int j = 1; j < o.LocalWindow && r - j >= 0; j++) Keep(row, r - j);

        int free = 0;
        for (int c = 0; c <= r; c++) if (!row[c]) candidates[free++] = c;
        for (; picked < k; picked++) // partial Fisher-Yates over the free columns
        {
            int j = rng.NextInt(free);
            row[candidates[j]] = true;
            candidates[j] = candidates[--free];
        }
    }

    private static int[] Permutation(int count, Xoshiro256StarStar rng)
    {
        var p = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
