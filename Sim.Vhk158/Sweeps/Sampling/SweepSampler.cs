using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Sampling;

/// <summary>
/// Picks a sweep's points from its axes: the full grid (first key slowest), a seeded uniform
/// random sample of the grid, or a Latin hypercube sample (each axis's values cut into as many
/// strata as samples, every stratum used once per axis). Sampled points are distinct and keep
/// the order they were drawn in; the same seed gives the same points everywhere.
/// </summary>
public static class SweepSampler
{
    public static IReadOnlyList<SweepPoint> Points(IReadOnlyList<SweepAxis> axes, SweepSampling sampling)
    {
        if (sampling.Method == SamplingMethod.Grid) return SweepGrid.Points(axes);
        SweepGrid.Points(axes.Select(a => a with { Values = a.Values.Take(1).ToList() }).ToList()); // same checks as the grid
        if (sampling.Samples < 1)
            throw new InputException($"sampling {SweepSampling.Name(sampling.Method)} needs samples >= 1, got {sampling.Samples}");
        long size = axes.Aggregate(1L, (n, a) => Math.Min(n * a.Values.Count, long.MaxValue / 1024));
        var rng = new SplitMix64(sampling.Seed);
        var indices = sampling.Method == SamplingMethod.Random
            ? RandomIndices(axes, sampling.Samples, size, rng)
            : LatinHypercube(axes, sampling.Samples, rng);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var points = new List<SweepPoint>();
        foreach (var idx in indices)
        {
            var point = new SweepPoint(axes.Select((a, i) => (a.Key, a.Values[idx[i]])).ToList());
            if (seen.Add(point.Label)) points.Add(point);
        }
        return points;
    }

    /// <summary>Distinct grid points drawn uniformly; all of them when the grid is no larger than the sample.</summary>
    private static IEnumerable<int[]> RandomIndices(IReadOnlyList<SweepAxis> axes, int samples, long size, SplitMix64 rng)
    {
        if (samples >= size) return GridIndices(axes);
        var drawn = new List<int[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (drawn.Count < samples)
        {
            var idx = axes.Select(a => rng.NextInt(a.Values.Count)).ToArray();
            if (seen.Add(string.Join(",", idx))) drawn.Add(idx);
        }
        return drawn;
    }

    private static IEnumerable<int[]> GridIndices(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<int[]> all = [[]];
        foreach (var axis in axes)
            all = all.SelectMany(p => Enumerable.Range(0, axis.Values.Count).Select(v => (int[])[.. p, v]));
        return all;
    }

    /// <summary>
    /// Sample k on axis a lands in stratum perm_a[k] of [0, 1), at a random place inside it, and
    /// takes the value that place falls on. Duplicate points (few values, many samples) are dropped.
    /// </summary>
    private static IEnumerable<int[]> LatinHypercube(IReadOnlyList<SweepAxis> axes, int samples, SplitMix64 rng)
    {
        var perms = axes.Select(_ => Shuffle(samples, rng)).ToList();
        var result = new List<int[]>();
        for (int k = 0; k < samples; k++)
        {
            var idx = new int[axes.Count];
            for (int a = 0; a < axes.Count; a++)
            {
                double u = (perms[a][k] + rng.NextDouble()) / samples;
                idx[a] = Math.Min(axes[a].Values.Count - 1, (int)(u * axes[a].Values.Count));
            }
            result.Add(idx);
        }
        return result;
    }

    /// <summary>Fisher–Yates over 0..n-1.</summary>
    private static int[] Shuffle(int n, SplitMix64 rng)
    {
        var p = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
