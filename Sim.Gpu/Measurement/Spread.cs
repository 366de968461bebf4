namespace Sim.Gpu.Measurement;

/// <summary>Minimum, median and maximum of a timed figure's runs.</summary>
public sealed record Spread(double Min, double Median, double Max)
{
    public static Spread Of(IReadOnlyCollection<double> xs)
    {
        if (xs.Count == 0) throw new ArgumentException("no values", nameof(xs));
        var s = xs.Order().ToList();
        var median = s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        return new Spread(s[0], median, s[^1]);
    }
}
