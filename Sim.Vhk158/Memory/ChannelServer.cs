using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Memory;

/// <summary>
/// One channel (an HBM pseudo-channel, a DDR channel) as a DES server priced analytically, as a
/// fluid: a transfer adds <c>occupancy</c> (its channel time at full rate) to the channel's
/// backlog and cannot finish before the backlog, its own work included, is served. A transfer
/// that is latency- or port-bound uses only part of the channel's rate, so transfers of several
/// masters proceed at once until their sum fills it (work-conserving, no per-burst schedule). It keeps the figures a report
/// needs (busy time, waits, queue) and what the next transfer's price depends on (the last
/// direction and writer).
/// </summary>
public sealed class ChannelServer(UnitInfo unit)
{
    private readonly Queue<double> _pendingStarts = new();
    private double _busy, _waitSum, _waitMax;
    private int _maxQueue;

    public UnitInfo Unit { get; } = unit;

    /// <summary>When the channel, at full rate, has served everything booked so far (simulated ms).</summary>
    public double FreeAt { get; private set; }

    /// <summary>Whether the last transfer it served wrote (null before the first).</summary>
    public bool? LastWrite { get; private set; }

    /// <summary>The master of the last write it served (-1 before the first).</summary>
    public int LastWriter { get; private set; } = -1;

    public long Served { get; private set; }

    /// <summary>Adds <paramref name="occupancy"/> ms of work at <paramref name="now"/>; returns when the backlog, this work included, is served.</summary>
    public double Book(double now, double occupancy, int master, bool write)
    {
        while (_pendingStarts.Count > 0 && _pendingStarts.Peek() <= now) _pendingStarts.Dequeue();
        double start = Math.Max(now, FreeAt);
        if (start > now)
        {
            _pendingStarts.Enqueue(start);
            _maxQueue = Math.Max(_maxQueue, _pendingStarts.Count);
        }
        double wait = start - now;
        _waitSum += wait;
        _waitMax = Math.Max(_waitMax, wait);
        _busy += occupancy;
        FreeAt = start + occupancy;
        Served++;
        LastWrite = write;
        if (write) LastWriter = master;
        return FreeAt;
    }

    /// <summary>Whether it is still busy with earlier bookings at <paramref name="now"/>.</summary>
    public bool BusyAt(double now) => FreeAt > now;

    /// <summary>Its figures over [0, <paramref name="horizon"/>] ms (the mean queue by Little's law from the waits).</summary>
    public ResourceReport Report(double horizon)
    {
        double span = Math.Max(horizon, FreeAt);
        return new ResourceReport(Unit.Name, Unit.Kind, span > 0 ? Math.Min(1, _busy / span) : 0, span > 0 ? _waitSum / span : 0,
            _maxQueue, Served, Served > 0 ? _waitSum / Served : 0, _waitMax);
    }
}
