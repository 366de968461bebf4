using Sim.Core.Engine;

namespace Sim.Core.Analysis;

/// <summary>
/// What a resource (<c>Resource</c>, <c>PriorityResource</c>, <c>Store</c>, <c>Container</c>)
/// did over time, recorded while attached through its <c>Monitor</c> property: how much of it was
/// in use, how many requests waited, and how long each waited. Unattached, a resource pays one
/// null check per operation.
/// </summary>
/// <remarks>
/// <para>In SimPy's terms every resource has a put side and a get side. For a <c>Resource</c> a
/// request is a put and a release a get (releases never wait), so <see cref="QueueLength"/> and
/// <see cref="WaitingTime"/> are about requests. For a <c>Store</c> or <c>Container</c> the put
/// side is producers waiting for room and the get side consumers waiting for content.</para>
/// <para>The time-weighted figures are read up to the simulation's current time. A request that
/// is served at once counts as a wait of 0; a withdrawn request is not counted.</para>
/// </remarks>
public sealed class ResourceMonitor
{
    private readonly BusyIntervalLog? _intervals;
    private Simulation? _simulation;
    private TimeWeightedStatistic? _level;
    private TimeWeightedStatistic? _putQueue;
    private TimeWeightedStatistic? _getQueue;

    /// <summary>
    /// A monitor to attach to one resource. With <paramref name="recordIntervals"/>, a
    /// <c>Resource</c> also records each grant-to-release span (for timelines).
    /// </summary>
    public ResourceMonitor(bool recordIntervals = false)
    {
        if (recordIntervals) _intervals = new BusyIntervalLog();
    }

    /// <summary>The capacity of the resource watched (units, items or amount).</summary>
    public double Capacity { get; private set; }

    /// <summary>Units in use, items stored or level, over time.</summary>
    public TimeWeightedStatistic Level => Synced(_level);

    /// <summary>Time-weighted mean of <see cref="Level"/> over the capacity: the busy fraction of a resource.</summary>
    public double Utilization => Level.Mean / Capacity;

    /// <summary>Puts (a <c>Resource</c>'s requests) waiting, over time.</summary>
    public TimeWeightedStatistic QueueLength => Synced(_putQueue);

    /// <summary>Gets waiting, over time (always 0 for a <c>Resource</c>).</summary>
    public TimeWeightedStatistic GetQueueLength => Synced(_getQueue);

    /// <summary>How long each served put (a <c>Resource</c>'s request) waited.</summary>
    public SampleStatistic WaitingTime { get; } = new();

    /// <summary>How long each served get waited.</summary>
    public SampleStatistic GetWaitingTime { get; } = new();

    /// <summary>Grant-to-release spans of a <c>Resource</c>, when made with <c>recordIntervals</c>; empty otherwise.</summary>
    public IReadOnlyList<BusyInterval> Intervals => _intervals?.Intervals ?? [];

    internal void Attach(Simulation simulation, double capacity, double level, int putQueue, int getQueue)
    {
        if (_simulation is not null) throw new InvalidOperationException("This monitor is already attached to a resource; use one monitor per resource.");
        _simulation = simulation;
        Capacity = capacity;
        double now = simulation.Now;
        _level = new TimeWeightedStatistic(now, level);
        _putQueue = new TimeWeightedStatistic(now, putQueue);
        _getQueue = new TimeWeightedStatistic(now, getQueue);
    }

    /// <summary>The resource changed: records the new level and queue lengths at the current time.</summary>
    internal void Observe(double level, int putQueue, int getQueue)
    {
        double now = _simulation!.Now;
        _level!.Update(now, level);
        _putQueue!.Update(now, putQueue);
        _getQueue!.Update(now, getQueue);
    }

    internal void RecordBusy(double start, double end, string label) => _intervals?.Record(start, end, label);

    private TimeWeightedStatistic Synced(TimeWeightedStatistic? statistic)
    {
        if (statistic is null) throw new InvalidOperationException("The monitor is not attached to a resource yet.");
        statistic.Update(_simulation!.Now, statistic.Current); // extend to now: the value still holds
        return statistic;
    }
}
