using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Sampling;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>Full grid, seeded random and Latin hypercube sampling of the axes.</summary>
public sealed class SweepSamplerTests
{
    private static readonly SweepAxis[] Axes =
    [
        new("CLOCK_FREQ_MHZ", ["150", "175", "200", "225", "250", "275", "300", "325"]),
        new("HBM_BW_GB_PER_SEC", ["409.6", "614.4", "819.2", "1024", "1228.8", "1433.6", "1638.4", "1843.2"]),
        new("MV_PARALLEL_N", ["16", "32", "64", "128"]),
    ];

    private static List<string> Labels(SweepSampling s) => SweepSampler.Points(Axes, s).Select(p => p.Label).ToList();

    [Fact]
    public void The_grid_is_every_combination() => Assert.Equal(256, Labels(SweepSampling.Grid).Distinct().Count());

    [Fact]
    public void Random_samples_are_distinct_grid_points_fixed_by_the_seed()
    {
        var a = Labels(new SweepSampling(SamplingMethod.Random, 20, 7));
        Assert.Equal(20, a.Distinct().Count());
        Assert.Equal(a, Labels(new SweepSampling(SamplingMethod.Random, 20, 7)));
        Assert.NotEqual(a, Labels(new SweepSampling(SamplingMethod.Random, 20, 8)));
        Assert.Subset(Labels(SweepSampling.Grid).ToHashSet(), a.ToHashSet());
    }

    [Fact]
    public void A_random_sample_as_large_as_the_grid_is_the_grid() =>
        Assert.Equal(Labels(SweepSampling.Grid), Labels(new SweepSampling(SamplingMethod.Random, 1000, 1)));

    [Fact]
    public void A_latin_hypercube_uses_every_stratum_of_every_axis_once()
    {
        var points = SweepSampler.Points(Axes, new SweepSampling(SamplingMethod.LatinHypercube, 8, 3));
        Assert.Equal(8, points.Count);
        // 8 samples over 8 values: each value of the first two axes exactly once.
        Assert.Equal(Axes[0].Values.Order(), points.Select(p => p.Value("CLOCK_FREQ_MHZ")).Order());
        Assert.Equal(Axes[1].Values.Order(), points.Select(p => p.Value("HBM_BW_GB_PER_SEC")).Order());
        // 4 values over 8 strata: each value exactly twice.
        Assert.All(points.GroupBy(p => p.Value("MV_PARALLEL_N")), g => Assert.Equal(2, g.Count()));
        Assert.Equal(points.Select(p => p.Label), SweepSampler.Points(Axes, new SweepSampling(SamplingMethod.LatinHypercube, 8, 3)).Select(p => p.Label));
    }

    [Fact]
    public void SplitMix64_follows_its_published_sequence() =>
        // First output for seed 0 (Steele et al.; the reference C code by Vigna).
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
}
