using System.Runtime.InteropServices;

namespace Sim.Core.Analysis;

/// <summary>
/// Records busy intervals (start, end, label) of a process, a resource or any model part, for
/// utilization figures and timelines. Attach it through <c>Process.Monitor</c> or
/// <c>Resource.Monitor</c>, or call <see cref="Record"/> from model code; unattached, it costs
/// a null check.
/// </summary>
/// <remarks>
/// An interval that starts exactly where the previous one ended, with the same label, extends it
/// instead of adding a new one, so a unit busy back to back for millions of steps stays one entry.
/// </remarks>
public sealed class BusyMonitor
{
    private readonly List<BusyInterval> _intervals = [];

    /// <summary>Creates a monitor; <paramref name="name"/> is for reports.</summary>
    public BusyMonitor(string? name = null) => Name = name;

    /// <summary>The monitor name, for reports.</summary>
    public string? Name { get; }

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

    /// <summary>Busy time inside [<paramref name="from"/>, <paramref name="to"/>] divided by the window length.</summary>
    public double Utilization(double from, double to)
    {
        if (!(to > from)) throw new ArgumentOutOfRangeException(nameof(to), to, $"must be after {from}");
        return BusyTimeWithin(from, to) / (to - from);
    }
}
