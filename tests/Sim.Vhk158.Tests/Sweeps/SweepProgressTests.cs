using System.Collections.Concurrent;
using Sim.Tests.Shared;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Shards;
using Sim.Vhk158.Sweeps.Specs;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>A sweep reports progress inside every bucket it simulates (issue 14), per point.</summary>
public sealed class SweepProgressTests
{
    [Fact]
    public void Every_simulated_bucket_of_every_point_reaches_one()
    {
        using var dir = new TempDir();
        var spec = new SweepSpec
        {
            Config = Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"),
            Model = Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"),
            Cases = [new FpgaCase(16, 1)],
            Axes = [new SweepAxis("CLOCK_FREQ_MHZ", ["200", "300"])],
        };
        var job = SweepJob.Prepare(spec, dir.Path);
        var runner = job.Runner(new ProfileCache(Path.Combine(dir.Path, "cache")), reuseCache: true);
        var plan = job.Plan(SweepShard.Whole, runner);
        var finished = new ConcurrentBag<(string, Bucket)>();
        var shares = new ConcurrentBag<(string, Bucket, double)>();
        runner.Run(plan, 2, (p, d) => finished.Add((p.Label, d.Bucket)), (p, b, share) => shares.Add((p.Label, b, share)));

        Assert.Equal(plan.TotalBuckets, finished.Count);
        foreach (var (label, bucket) in finished)
            Assert.Contains((label, bucket, 1.0), shares);
        Assert.Contains(shares, s => s.Item2.Stage == Stage.Prefill && s.Item3 is > 0 and < 1);
    }
}
