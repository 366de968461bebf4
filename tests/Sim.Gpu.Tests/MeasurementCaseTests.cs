using Sim.Core.Errors;
using Sim.Gpu.Measurement;

namespace Sim.Gpu.Tests;

public class MeasurementCaseTests
{
    [Fact]
    public void ParsesPrefillDecodeAndBatchPrefillDecode()
    {
        Assert.Equal(new MeasurementCase(1, 128, 512), MeasurementCase.Parse("128:512"));
        Assert.Equal(new MeasurementCase(4, 32, 16), MeasurementCase.Parse("4:32:16"));
        Assert.Equal("128:512", new MeasurementCase(1, 128, 512).ToString());
        Assert.Equal("4:32:16", new MeasurementCase(4, 32, 16).ToString());
    }

    [Theory]
    [InlineData("128")]
    [InlineData("a:5")]
    [InlineData("0:5")]
    [InlineData("5:-1")]
    [InlineData("1:2:3:4")]
    public void RejectsMalformedCases(string text)
    {
        var e = Assert.Throws<InputException>(() => MeasurementCase.Parse(text));
        Assert.Contains("--case", e.Message);
    }

    [Fact]
    public void StandardCasesAreTheSix()
    {
        var s = MeasurementCase.Standard;
        Assert.Equal(6, s.Count);
        Assert.All(s, c => Assert.Equal(1, c.Batch));
        Assert.Equal(new[] { 128, 512 }, s.Select(c => c.Prefill).Distinct().Order());
        Assert.Equal(new[] { 512, 1024, 1536 }, s.Select(c => c.Decode).Distinct().Order());
    }

    [Fact]
    public void DecodeIsTotalMinusPrefillAndThroughputIsDOverDecode()
    {
        var m = new CaseMeasurement(new MeasurementCase(1, 8, 100), "x", new Spread(40, 50, 70), new Spread(1000, 1050, 1250),
            new HostProfile(0, 0, 0, 0), MeasurementOptions.QuickRuns, []);
        Assert.Equal(1000, m.DecodeMs, 9);
        Assert.Equal(10, m.DecodeMsPerToken, 9);
        Assert.Equal(100, m.TokensPerSecond, 9);
        // The spread of decode: the fastest and slowest total run, each less the median prefill.
        Assert.Equal(9.5, m.DecodeMsPerTokenRange.Min, 9);
        Assert.Equal(12, m.DecodeMsPerTokenRange.Max, 9);
    }

    [Fact]
    public void MedianOfOddAndEvenCounts()
    {
        Assert.Equal(2, MeasurementProtocol.Median([3, 1, 2]));
        Assert.Equal(2.5, MeasurementProtocol.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void ProtocolNames()
    {
        Assert.Equal("seed", MeasurementOptions.Seed5x10.Protocol);
        Assert.Equal("quick", MeasurementOptions.QuickRuns.Protocol);
        Assert.Equal("custom", (MeasurementOptions.Seed5x10 with { Repetitions = 2 }).Protocol);
    }
}
