using Sim.Tests.Shared;
using Sim.Core.Errors;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Synthetic;

namespace Sim.Workloads.Tests.Masks;

public class SyntheticMaskGeneratorTests
{
    // Smaller than the reference (32 layers) to keep the tests fast; heads and blocks as the reference.
    private static readonly SyntheticMaskOptions Small = new() { Layers = 4, Heads = 32, Blocks = 32 };

    private static double CausalDensity(MaskSet set) =>
        set.CountNonZero() / (double)(set.LayerCount * set.Heads * SyntheticMaskGenerator.CausalBlocks(set.Rows));

    [Fact]
    public void Default_options_give_the_reference_shape_and_density()
    {
        var set = SyntheticMaskGenerator.Generate(new SyntheticMaskOptions());
        Assert.Equal((32, 32, 32, 32), (set.LayerCount, set.Heads, set.Rows, set.Cols));
        Assert.Equal(0.30, CausalDensity(set), 4);
        // Exactly round(0.3 × 32 × 32 × 528) = 162 202 (the reference has 162 200).
        Assert.Equal((long)Math.Round(0.30 * 32 * 32 * 528), set.CountNonZero());
    }

    [Theory]
    [InlineData(1UL, 0.30)]
    [InlineData(42UL, 0.30)]
    [InlineData(7UL, 0.15)]
    [InlineData(7UL, 0.60)]
    [InlineData(99UL, 0.95)]
    public void Masks_are_causal_with_exact_row_budgets_sink_and_diagonal(ulong seed, double density)
    {
        var options = Small with { Seed = seed, TargetDensity = density };
        var set = SyntheticMaskGenerator.Generate(options);
        var budgets = SyntheticMaskGenerator.ChooseRowBudgets(options);
        for (int l = 0; l < set.LayerCount; l++)
        {
            var m = set[l];
            Assert.Equal(0, MaskInvariants.AboveDiagonal(m));
            Assert.Empty(MaskInvariants.RowBudgetViolations(m));
            for (int h = 0; h < m.Heads; h++)
            {
                Assert.Equal(budgets[l][h], MaskInvariants.Budget(m, h));
                for (int r = 0; r < m.Rows; r++)
                {
                    Assert.True(m[h, r, 0], $"sink missing at layer {l} head {h} row {r}");
                    Assert.True(m[h, r, r], $"diagonal missing at layer {l} head {h} row {r}");
                    // Priority is diagonal, sink, then the window: with k = 2 a long row is {0, r}.
                    if (r >= 1 && budgets[l][h] >= 3)
                        Assert.True(m[h, r, r - 1], $"window missing at layer {l} head {h} row {r}");
                }
            }
        }
        // The single and paired budget nudges reach the rounded target exactly.
        long target = (long)Math.Round(density * 4 * 32 * 528);
        Assert.Equal(target, set.CountNonZero());
    }

    [Fact]
    public void Budgets_vary_across_heads_and_layers_within_the_limits()
    {
        var options = Small with { MinK = 3, MaxK = 14 };
        var budgets = SyntheticMaskGenerator.ChooseRowBudgets(options);
        var all = budgets.SelectMany(b => b).ToList();
        Assert.All(all, k => Assert.InRange(k, 3, 14));
        Assert.True(all.Distinct().Count() >= 5, $"budgets barely vary: {string.Join(",", all.Distinct())}");
        Assert.True(budgets.Select(b => b.Average()).Distinct().Count() > 1, "all layers have the same mean budget");
    }

    [Fact]
    public void Without_sink_or_window_rows_still_have_exact_budgets()
    {
        var options = Small with { AttentionSink = false, LocalWindow = 0, Layers = 2 };
        var set = SyntheticMaskGenerator.Generate(options);
        foreach (var m in set.Layers)
        {
            Assert.Equal(0, MaskInvariants.AboveDiagonal(m));
            Assert.Empty(MaskInvariants.RowBudgetViolations(m));
        }
        // Without forced columns the sink is only picked at random, so some long rows lack it.
        Assert.Contains(set.Layers, m => Enumerable.Range(0, m.Heads).Any(h => !m[h, m.Rows - 1, 0]));
    }

    [Fact]
    public void Same_seed_gives_same_masks_and_different_seed_differs()
    {
        var a = MaskInvariants.Bytes(SyntheticMaskGenerator.Generate(Small with { Seed = 5 }));
        var b = MaskInvariants.Bytes(SyntheticMaskGenerator.Generate(Small with { Seed = 5 }));
        var c = MaskInvariants.Bytes(SyntheticMaskGenerator.Generate(Small with { Seed = 6 }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Same_seed_gives_identical_files()
    {
        using var t1 = new TempDir();
        using var t2 = new TempDir();
        SyntheticMaskGenerator.Generate(Small with { Layers = 2 }).Save(t1.Path);
        SyntheticMaskGenerator.Generate(Small with { Layers = 2 }).Save(t2.Path);
        for (int i = 0; i < 2; i++)
            Assert.Equal(File.ReadAllBytes(t1.File(MaskSet.FileName(i))), File.ReadAllBytes(t2.File(MaskSet.FileName(i))));
    }

    [Fact]
    public void Row_budget_block_count_matches_a_direct_sum()
    {
        for (int n = 1; n <= 12; n++)
            for (int k = 1; k <= n; k++)
                Assert.Equal(Enumerable.Range(0, n).Sum(r => Math.Min(r + 1, k)), SyntheticMaskGenerator.RowBudgetBlocks(n, k));
        Assert.Equal(528, SyntheticMaskGenerator.CausalBlocks(32));
    }

    [Theory]
    [InlineData(0.05, "not reachable")] // below k = 2 everywhere (0.119)
    [InlineData(1.5, "TargetDensity must be in (0, 1]")]
    [InlineData(double.NaN, "TargetDensity")]
    public void Bad_density_is_reported(double density, string fragment)
    {
        var e = Assert.Throws<InputException>(() => SyntheticMaskGenerator.Generate(Small with { TargetDensity = density }));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Bad_options_are_reported()
    {
        Assert.Contains("MaxK", Assert.Throws<InputException>(() => (Small with { MinK = 5, MaxK = 4 }).Validate()).Message);
        Assert.Contains("Blocks", Assert.Throws<InputException>(() => (Small with { Blocks = 0 }).Validate()).Message);
        Assert.Contains("LocalWindow", Assert.Throws<InputException>(() => (Small with { LocalWindow = 33 }).Validate()).Message);
    }
}
