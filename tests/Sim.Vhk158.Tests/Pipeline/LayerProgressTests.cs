using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Pipeline;

/// <summary>Progress inside one bucket (issue 14): reported as the simulation goes, ending at 1, and changing nothing it reports on.</summary>
public class LayerProgressTests
{
    [Theory]
    [InlineData(Stage.Prefill, 128, true)]
    [InlineData(Stage.Decode, 256, false)]
    public void Progress_rises_to_one_and_the_profile_is_bit_equal_without_it(Stage stage, int tokens, bool compileAhead)
    {
        var config = TestWorkloads.Config();
        var program = TestWorkloads.Program(stage, tokens);
        var shares = new List<double>();
        var silent = new FpgaProfiler(config) { CompilesAhead = compileAhead }.Profile(program, TestWorkloads.SyntheticMasks, "x");
        var watched = new FpgaProfiler(config) { CompilesAhead = compileAhead }.Profile(program, TestWorkloads.SyntheticMasks, "x",
            progress: LayerProgress.To(shares.Add));

        Assert.Equal(ProfilerCsv.Format(silent), ProfilerCsv.Format(watched));
        Assert.Equal(silent.Events, watched.Events);
        // One report per group entering the machine, then 1 at the end.
        int groups = TestWorkloads.Compile(config, stage, tokens).Count;
        Assert.Equal(groups + 1, shares.Count);
        Assert.Equal(0, shares[0]);
        Assert.Equal(1, shares[^1]);
        Assert.All(shares.Zip(shares.Skip(1)), p => Assert.True(p.First <= p.Second, $"{p.First} then {p.Second}"));
        Assert.True(shares[^2] is > 0.5 and < 1, $"the last group entered at {shares[^2]}");
    }

    [Fact]
    public void The_pipeline_reports_per_bucket_and_not_for_a_cached_one()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vhksim-progress-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var config = TestWorkloads.Config();
            var source = new Sim.Workloads.Sources.GeneratedSource(TestWorkloads.Model, TestWorkloads.SyntheticMasks);
            var pipeline = new SimulationPipeline(config, source, new ProfileCache(dir));
            var seen = new System.Collections.Concurrent.ConcurrentBag<(Bucket, double)>();
            Bucket[] buckets = [new(Stage.Decode, 16), new(Stage.Decode, 32)];
            pipeline.Run(buckets, 2, within: (b, share) => seen.Add((b, share)));
            foreach (var b in buckets) Assert.Contains((b, 1.0), seen);

            seen.Clear();
            pipeline.Run(buckets, 2, within: (b, share) => seen.Add((b, share)));
            Assert.Empty(seen); // both came from the cache
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
