using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Shards;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>Shards: deterministic slices, their files, merging them, and sizing them for a scheduler.</summary>
public sealed class ShardTests
{
    [Fact]
    public void Shards_partition_the_points_exactly_once()
    {
        var all = Enumerable.Range(0, 4).SelectMany(i => new SweepShard(i, 4).Of(23)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 23), all);
        Assert.Equal([1, 5, 9, 13, 17, 21], new SweepShard(1, 4).Of(23));
        Assert.Equal(new SweepShard(3, 8), SweepShard.Parse("3/8"));
    }

    [Theory]
    [InlineData("8/8")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Bad_shards_are_input_errors(string text) =>
        Assert.Contains($"--shard '{text}' is not i/N", Assert.Throws<InputException>(() => SweepShard.Parse(text)).Message);

    private static SweepResults Rows(params int[] points) =>
        new(SweepColumns.Header(["K"]), points.Select(p => (IReadOnlyList<string>)[p.ToString(), p == 0 ? "baseline" : "point", $"v{p}", .. SweepColumns.Results.Select(c => c == "case" ? "16:16" : ""), ""]).ToList());

    [Fact]
    public void Merging_shards_orders_rows_by_point_and_needs_a_complete_valid_set()
    {
        using var dir = new TempDir();
        ShardFile.Write(dir.Path, new SweepShard(0, 2), "h", 5, Rows(0, 2, 4));
        var e = Assert.Throws<InputException>(() => ShardMerge.Merge(dir.Path, "h", 5, ["K"]));
        Assert.Contains("missing or not valid for this spec: of 2: 1/2", e.Message);

        ShardFile.Write(dir.Path, new SweepShard(1, 2), "h", 5, Rows(1, 3));
        var merged = ShardMerge.Merge(dir.Path, "h", 5, ["K"]);
        Assert.Equal(["v0", "v1", "v2", "v3", "v4"], merged.Rows.Select(r => r[2]));
        Assert.Equal(merged.ToCsv(), ShardMerge.Merge(dir.Path, "h", 5, ["K"]).ToCsv()); // idempotent

        // Another spec's shards, or an edited CSV, are not valid.
        Assert.False(ShardFile.IsValid(dir.Path, new SweepShard(1, 2), "other", 5));
        File.AppendAllText(ShardFile.CsvPath(dir.Path, new SweepShard(1, 2)), "5,point,v5\n");
        Assert.False(ShardFile.IsValid(dir.Path, new SweepShard(1, 2), "h", 5));
        Assert.Throws<InputException>(() => ShardMerge.Merge(dir.Path, "h", 5, ["K"]));
    }

    [Fact]
    public void A_complete_set_of_one_count_is_used_when_another_count_is_incomplete()
    {
        using var dir = new TempDir();
        ShardFile.Write(dir.Path, new SweepShard(0, 3), "h", 3, Rows(0));
        ShardFile.Write(dir.Path, new SweepShard(0, 1), "h", 3, Rows(0, 1, 2));
        Assert.Equal(3, ShardMerge.Merge(dir.Path, "h", 3, ["K"]).Rows.Count);
    }

    [Fact]
    public void Tasks_are_sized_to_run_at_least_thirty_seconds()
    {
        var costs = Enumerable.Repeat(2.5, 100).ToList(); // 250 s in all
        int shards = ShardSizing.Shards(costs);
        Assert.Equal(8, shards);
        Assert.True(costs.Sum() / shards >= ShardSizing.MinTaskSeconds);
        Assert.Equal(1, ShardSizing.Shards(Enumerable.Repeat(0.5, 40).ToList())); // 20 s: one task
        Assert.Equal(3, ShardSizing.Shards(Enumerable.Repeat(100.0, 3).ToList())); // never more shards than points
        Assert.Equal(3, ShardSizing.Shards(Enumerable.Repeat(0.1, 9).ToList(), pointsPerTask: 4));
        Assert.Throws<InputException>(() => ShardSizing.Shards([1.0], pointsPerTask: 0));
    }

    [Fact]
    public void Bucket_costs_grow_with_the_bucket()
    {
        Assert.True(BucketCost.Seconds(new(Sim.Workloads.Ir.Stage.Prefill, 512)) > BucketCost.Seconds(new(Sim.Workloads.Ir.Stage.Prefill, 128)));
        Assert.True(BucketCost.Seconds(new(Sim.Workloads.Ir.Stage.Prefill, 128)) > BucketCost.Seconds(new(Sim.Workloads.Ir.Stage.Decode, 128)));
        Assert.True(BucketCost.CachedSeconds < BucketCost.Seconds(new(Sim.Workloads.Ir.Stage.Decode, 16)));
    }
}
