using Sim.Gpu.Cuda;
using Xunit;

namespace Sim.Gpu.Tests;

/// <summary>The decode timeline's report, from records written by hand (no GPU needed).</summary>
public class DecodeTimelineTests
{
    private static DecodeTimeline.Record Warp(ulong key, params ulong[] marks) => DecodeTimeline.Record.Of(key, marks);

    [Fact]
    public void ReportsReleaseTailAndShareAgainstThePreviousKernelsLastWarp()
    {
        // A GEMV (key 1) whose last warp leaves at 10 µs, then an attention kernel (key 2) of two blocks: one started
        // before that (at 9 µs), one after (at 11 µs); their waits return at 12 and 14 µs, they leave at 20 and 24 µs.
        var records = new[]
        {
            Warp(1, 0, 1000, 2000, 3000, 4000, 5000, 8000, 9000),
            Warp(1, 0, 1000, 2000, 3000, 4000, 5000, 9000, 10_000),
            Warp(2, 9000, 10_000, 12_000, 13_000, 15_000, 16_000, 18_000, 20_000),
            Warp(2, 11_000, 12_000, 14_000, 15_000, 17_000, 18_000, 21_000, 24_000),
        };
        var text = DecodeTimeline.Report(records,
            [new("qkv", 0, 1, 100_000_000), new("attention", 0, 2, 0), new("o", 0, 3, 0)]);
        var line = text.Split('\n').Single(l => l.StartsWith("opt timeline attention", StringComparison.Ordinal));
        // From the GEMV's end (10 µs): starts -1 and +1, waits returned +2 and +4, ends +10 and +14 µs.
        Assert.Contains("share 14.00;", line);
        Assert.Contains("start -1.00/-1.00/-1.00/1.00", line);
        Assert.Contains("wait returned 2.00/2.00/2.00/4.00", line);
        Assert.Contains("end median 10.00, last 14.00", line);
        Assert.Contains("50 % started before", line);
        // Steps: median over the blocks of each gap between marks (lower of the two for an even count).
        Assert.Contains("issue loads 1.00, to wait 2.00, q rotate 1.00, softmax 2.00, values 1.00", line);
        Assert.Contains("first to last 24 µs", text);
        Assert.DoesNotContain("opt timeline qkv", text);    // the first launch has no previous kernel to measure from
        Assert.DoesNotContain("opt timeline o ", text);     // no records: not reported
    }

    [Fact]
    public void WritesEveryListedRecordAsACsvRowInLaunchOrder()
    {
        var records = new[]
        {
            Warp(2, 9000, 10_000, 12_000, 13_000, 15_000, 16_000, 18_000, 20_000),
            Warp(1, 1000, 2000, 2000, 3000, 4000, 5000, 8000, 9000),
            Warp(7, 0, 0, 0, 0, 0, 0, 0, 0),    // no listed launch: left out
        };
        var csv = DecodeTimeline.Csv(records, [new("qkv", 0, 1, 0), new("attention", 0, 2, 0)]).Split('\n');
        Assert.Equal("launch,part,layer,block,warp,sm,units,t0,t1,t2,t3,t4,t5,t6,t7", csv[0]);
        Assert.Equal("0,qkv,0,0,0,0,0,0,1000,1000,2000,3000,4000,7000,8000", csv[1]);    // from the earliest start
        Assert.Equal("1,attention,0,0,0,0,0,8000,9000,11000,12000,14000,15000,17000,19000", csv[2]);
        Assert.Equal(["", ], csv[3..]);
    }

    [Fact]
    public void TheRecordsFileNeedsTheTimelineOnAndAnExistingFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "records.csv");
            string? Env(string name, string? records, string? timeline) =>
                name == DecodeTimeline.RecordsEnvVar ? records : name == DecodeTimeline.EnvVar ? timeline : null;
            Assert.Null(DecodeTimeline.RecordsFile(n => Env(n, null, "1")));
            Assert.Equal(file, DecodeTimeline.RecordsFile(n => Env(n, file, "1")));
            var off = Assert.Throws<Sim.Core.Errors.InputException>(() => DecodeTimeline.RecordsFile(n => Env(n, file, null)));
            Assert.Contains("VHKSIM_OPT_TIMELINE=1", off.Message);
            var missing = Path.Combine(folder, "no-such-folder", "records.csv");
            var e = Assert.Throws<Sim.Core.Errors.InputException>(() => DecodeTimeline.RecordsFile(n => Env(n, missing, "1")));
            Assert.Contains("does not exist", e.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void SaysSoWhenNoLaunchLeftRecords()
    {
        Assert.StartsWith("opt timeline: no records", DecodeTimeline.Report([], [new("qkv", 0, 1, 0)]));
    }
}
