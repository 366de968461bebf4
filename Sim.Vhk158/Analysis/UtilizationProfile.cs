using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// Busy fraction per unit per time bin: the timeline window cut into equal bins, each run's
/// busy time spread evenly over its span (exact for runs without merged gaps). Bin busy times
/// add up to the unit's busy time.
/// </summary>
public sealed class UtilizationProfile
{
    private readonly double[][] _busy;

    private UtilizationProfile(IReadOnlyList<UnitInfo> units, double start, double binWidth, double[][] busy)
    {
        Units = units;
        Start = start;
        BinWidth = binWidth;
        _busy = busy;
    }

    /// <summary>The units, as the timeline lists them.</summary>
    public IReadOnlyList<UnitInfo> Units { get; }

    public double Start { get; }
    public double BinWidth { get; }
    public int Bins => _busy[0].Length;

    public double BinStart(int bin) => Start + bin * BinWidth;

    /// <summary>Busy time (ms) of <paramref name="unit"/> inside bin <paramref name="bin"/>.</summary>
    public double BusyMs(int unit, int bin) => _busy[unit][bin];

    /// <summary>Busy fraction (0..1) of <paramref name="unit"/> inside bin <paramref name="bin"/>.</summary>
    public double Fraction(int unit, int bin) => BinWidth > 0 ? _busy[unit][bin] / BinWidth : 0;

    public static UtilizationProfile Compute(Timeline timeline, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double from = timeline.Start, width = timeline.Span / bins;
        var busy = new double[timeline.Units.Count][];
        for (int m = 0; m < busy.Length; m++)
        {
            var b = busy[m] = new double[bins];
            foreach (var run in timeline.Runs(m))
            {
                if (run.Busy == 0) continue;
                if (!(width > 0) || run.Span <= 0)
                {
                    b[Bin(run.Start)] += run.Busy;
                    continue;
                }
                double density = run.Busy / run.Span;
                int first = Bin(run.Start), last = Bin(run.End);
                for (int i = first; i <= last; i++)
                {
                    // The outer bins take whatever lies outside the window, so nothing is lost.
                    double lo = i == first ? run.Start : from + i * width;
                    double hi = i == last ? run.End : from + (i + 1) * width;
                    if (hi > lo) b[i] += (hi - lo) * density;
                }
            }
        }
        return new UtilizationProfile(timeline.Units, from, width, busy);

        int Bin(double t) => width > 0 ? Math.Clamp((int)Math.Floor((t - from) / width), 0, bins - 1) : 0;
    }
}
