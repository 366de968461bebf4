namespace Sim.Core.Analysis;

/// <summary>
/// Count, mean, variance, minimum and maximum of observations (waiting times), kept without
/// storing them (Welford's update, which stays accurate for millions of samples).
/// </summary>
public sealed class SampleStatistic
{
    private double _m2;

    /// <summary>Observations so far.</summary>
    public long Count { get; private set; }

    /// <summary>Their mean; NaN when there are none.</summary>
    public double Mean { get; private set; } = double.NaN;

    /// <summary>The smallest; NaN when there are none.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>The largest; NaN when there are none.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Their sum.</summary>
    public double Sum { get; private set; }

    /// <summary>The sample variance (n - 1 in the denominator); NaN for fewer than two.</summary>
    public double Variance => Count > 1 ? _m2 / (Count - 1) : double.NaN;

    /// <summary>Adds one observation.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "must be a number");
        Count++;
        Sum += value;
        if (Count == 1)
        {
            Mean = Min = Max = value;
            return;
        }
        double delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }
}
