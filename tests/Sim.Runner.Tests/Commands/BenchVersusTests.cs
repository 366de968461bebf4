using Sim.Runner.Commands;
using Sim.Runner.Reporting;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>
/// <c>bench --versus</c> reads both an older build's aligned lines and this build's table (bench
/// prints through Spectre.Console since issue 14), and prints its medians through ResultTable.
/// </summary>
[Collection("Console")]
public sealed class BenchVersusTests
{
    private const string OlderBuild =
        "buckets        1\nwall time      1.59 s (2 cores, 1 jobs; process start-up excluded)\ncpu time       2.10 s (process so far, start-up included)\n" +
        "allocated      180 MB (GC.GetTotalAllocatedBytes over the run)\npeak memory    142 MiB (working set)\n" +
        "  loop         8.2 ns/instruction (120 M instructions/s)\n  DES          46.5 ns/instruction = 5.7x the loop\n";

    [Fact]
    public void This_builds_bench_table_is_read_like_an_older_builds_lines()
    {
        var (code, stdout, stderr) = CliHarness.Run("bench", "--bucket", "decode:16", "--jobs", "1",
            "--config", Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"), "--model", Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));
        Assert.True(code == 0, stderr);
        var now = BenchVersus.Parse(stdout);
        var old = BenchVersus.Parse(OlderBuild);
        Assert.Equal(["DES", "DES/loop", "allocated", "cpu time", "loop", "peak memory", "wall time"], old.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(old.Keys.Order(StringComparer.Ordinal), now.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1.59, 5.7, 46.5), (old["wall time"], old["DES/loop"], old["DES"]));
    }

    [Fact]
    public void The_medians_print_through_ResultTable()
    {
        var before = new BenchVersus.Sample(3.0, BenchVersus.Parse(OlderBuild));
        var after = new BenchVersus.Sample(1.5, BenchVersus.Parse(OlderBuild.Replace("1.59 s", "0.80 s")));
        var csv = BenchVersus.Compare([before], [after]).Write(ResultTable.Csv).Split('\n');
        Assert.Equal("quantity,unit,before,after,after_per_before", csv[0]);
        Assert.Equal("process wall time (start-up incl.),s,3.00,1.50,0.50", csv[1]);
        Assert.Equal("run wall time (start-up excluded),s,1.59,0.80,0.50", csv[2]);
    }
}
