using Sim.Core.Analysis;

namespace Sim.Core.Tests.Analysis;

/// <summary>The two statistic types, against numbers worked out by hand.</summary>
public class StatisticTests
{
    [Fact]
    public void TimeWeightedStatisticWeighsEachValueByHowLongItHeld()
    {
        var s = new TimeWeightedStatistic(startTime: 2, initialValue: 1);
        Assert.Equal(1.0, s.Mean); // no time yet: the current value
        s.Update(4, 3);   // 1 held for 2
        s.Update(5, 0);   // 3 held for 1
        s.Update(10, 0);  // 0 held for 5
        Assert.Equal(5.0, s.Integral);
        Assert.Equal(8.0, s.Duration);
        Assert.Equal(5.0 / 8.0, s.Mean);
        Assert.Equal((0.0, 3.0, 0.0), (s.Min, s.Max, s.Current));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Update(9, 1));
    }

    [Fact]
    public void SampleStatisticKeepsCountMeanVarianceAndExtremes()
    {
        var s = new SampleStatistic();
        Assert.True(double.IsNaN(s.Mean));
        foreach (var x in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 }) s.Add(x);
        Assert.Equal(8, s.Count);
        Assert.Equal(5.0, s.Mean);
        Assert.Equal(32.0 / 7.0, s.Variance, 12); // sum of squared deviations 32, n - 1 = 7
        Assert.Equal((2.0, 9.0, 40.0), (s.Min, s.Max, s.Sum));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(double.NaN));
    }

    [Fact]
    public void BusyIntervalLogMergesBackToBackSpansOfOneLabel()
    {
        var log = new BusyIntervalLog();
        log.Record(0, 1, "softmax");
        log.Record(1, 2, "softmax");   // adjacent, same label: extends
        log.Record(2, 3, "layernorm"); // adjacent but another label: kept apart
        log.Record(3, 3, "empty");     // empty: ignored
        log.Record(4, 5, "layernorm");
        Assert.Equal(
            [new BusyInterval(0, 2, "softmax"), new BusyInterval(2, 3, "layernorm"), new BusyInterval(4, 5, "layernorm")],
            log.Intervals);
        Assert.Equal(4.0, log.BusyTime);
        Assert.Equal(0.5 + 1 + 0.5, log.BusyTimeWithin(1.5, 4.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Record(5, 4, "bad"));
    }
}
