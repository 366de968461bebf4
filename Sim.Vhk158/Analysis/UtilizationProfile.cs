using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// Busy fraction per module per time bin: the timeline window cut into equal bins, each run's
/// busy time spread evenly over its span (exact for runs without merged gaps). Bin busy times
/// add up to the module's busy time.
/// </summary>
public sealed class UtilizationProfile
{
    private readonly double[][] _busy;

    private UtilizationProfile(double start, double binWidth, double[][] busy)
    {
        Start = start;
        BinWidth = binWidth;
        _busy = busy;
    }

    public double Start { get; }
    public double BinWidth { get; }
    public int Bins => _busy[0].Length;

    public double BinStart(int bin) => Start + bin * BinWidth;

    /// <summary>Busy time (ms) of <paramref name="module"/> inside bin <paramref name="bin"/>.</summary>
    public double BusyMs(Module module, int bin) => _busy[(int)module][bin];

    /// <summary>Busy fraction (0..1) of <paramref name="module"/> inside bin <paramref name="bin"/>.</summary>
    public double Fraction(Module module, int bin) => BinWidth > 0 ? _busy[(int)module][bin] / BinWidth : 0;

    public static UtilizationProfile Compute(Timeline timeline, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double from = timeline.Start, width = timeline.Span / bins;
        var busy = new double[ModuleSet.Count][];
        for (int m = 0; m < busy.Length; m++)
        {
            var b = busy[m] = new double[bins];
            foreach (var run in timeline.Runs((Module)m))
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
        return new UtilizationProfile(from, width, busy);

        int Bin(double t) => width > 0 ? Math.Clamp((int)Math.Floor((t - from) / width), 0, bins - 1) : 0;
    }
}
