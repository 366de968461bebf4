using System.Runtime.InteropServices;

namespace Sim.Core.Analysis;

/// <summary>
/// Busy intervals (start, end, label) for timelines: kept by a <see cref="ResourceMonitor"/>
/// made with <c>recordIntervals: true</c> (one per grant-to-release span of a resource), or
/// filled by model code through <see cref="Record"/>.
/// </summary>
/// <remarks>
/// An interval that starts exactly where the previous one ended, with the same label, extends it
/// instead of adding a new one, so a unit busy back to back for millions of steps stays one entry.
/// </remarks>
public sealed class BusyIntervalLog
{
    private readonly List<BusyInterval> _intervals = [];

    /// <summary>The recorded intervals, in the order recorded.</summary>
    public IReadOnlyList<BusyInterval> Intervals => _intervals;

    /// <summary>Records busy time from <paramref name="start"/> to <paramref name="end"/>; empty spans are ignored.</summary>
    public void Record(double start, double end, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!(end >= start)) throw new ArgumentOutOfRangeException(nameof(end), end, $"must not be before the start {start}");
        if (end == start) return;
        if (_intervals.Count > 0)
        {
            ref var last = ref CollectionsMarshal.AsSpan(_intervals)[^1];
            if (last.End == start && string.Equals(last.Label, label, StringComparison.Ordinal))
            {
                last = last with { End = end };
                return;
            }
        }
        _intervals.Add(new BusyInterval(start, end, label));
    }

    /// <summary>Total busy time (overlapping intervals, e.g. of a multi-unit resource, each count).</summary>
    public double BusyTime => BusyTimeWithin(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Busy time inside the window [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public double BusyTimeWithin(double from, double to)
    {
        double sum = 0;
        foreach (var i in _intervals)
        {
            double s = Math.Max(i.Start, from), e = Math.Min(i.End, to);
            if (e > s) sum += e - s;
        }
        return sum;
    }
}
