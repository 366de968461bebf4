namespace Sim.Core.Analysis;

/// <summary>
/// A value that holds between changes (units in use, queue length), summarized over time:
/// its time-weighted mean, minimum and maximum. Each value counts for as long as it held.
/// </summary>
public sealed class TimeWeightedStatistic
{
    /// <summary>Starts at <paramref name="startTime"/> with <paramref name="initialValue"/>.</summary>
    public TimeWeightedStatistic(double startTime, double initialValue = 0)
    {
        if (!double.IsFinite(startTime)) throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "must be finite");
        StartTime = LastTime = startTime;
        Current = Min = Max = initialValue;
    }

    /// <summary>When the statistic started.</summary>
    public double StartTime { get; }

    /// <summary>The time of the last update; the summary covers [<see cref="StartTime"/>, <see cref="LastTime"/>].</summary>
    public double LastTime { get; private set; }

    /// <summary>The value now.</summary>
    public double Current { get; private set; }

    /// <summary>The smallest value held.</summary>
    public double Min { get; private set; }

    /// <summary>The largest value held.</summary>
    public double Max { get; private set; }

    /// <summary>The integral of the value over time up to <see cref="LastTime"/>.</summary>
    public double Integral { get; private set; }

    /// <summary>The time covered.</summary>
    public double Duration => LastTime - StartTime;

    /// <summary>The time-weighted mean; the current value while no time has passed.</summary>
    public double Mean => Duration > 0 ? Integral / Duration : Current;

    /// <summary>The value becomes <paramref name="value"/> at <paramref name="time"/> (which must not go back).</summary>
    public void Update(double time, double value)
    {
        if (!(time >= LastTime)) throw new ArgumentOutOfRangeException(nameof(time), time, $"must not be before the last update {LastTime}");
        Integral += Current * (time - LastTime);
        LastTime = time;
        Current = value;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }
}
