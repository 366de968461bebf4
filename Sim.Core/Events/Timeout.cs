using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>
/// An event that happens a fixed delay after it was created. It fires at exactly
/// <c>creation time + delay</c>: one double addition, so model arithmetic done the same way
/// outside the simulation reproduces the timestamps bit for bit.
/// </summary>
public sealed class Timeout : Event
{
    internal Timeout(Simulation simulation, double delay, int priority) : base(simulation, external: false)
    {
        Start(delay, priority);
    }

    /// <summary>The time at which the timeout fires.</summary>
    public double Time { get; private set; }

    /// <summary>Its place in the queue order is reserved (<see cref="StartDeferred"/>) but it is not in the queue yet.</summary>
    internal bool Deferred { get; private set; }

    private long _key; // the reserved queue key while deferred

    /// <summary>Schedules a fresh timeout, or again a recycled one that has fired (see <c>Simulation.Delay</c>).</summary>
    internal void Start(double delay, int priority)
    {
        Stamp(delay, priority);
        Simulation.Schedule(this, Time, priority);
    }

    /// <summary>Checks the delay and priority and sets the time it fires at.</summary>
    private void Stamp(double delay, int priority)
    {
        if (!(delay >= 0) || double.IsPositiveInfinity(delay))
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "must be finite and not negative");
        Simulation.CheckPriority(priority);
        Time = Simulation.Now + delay; // the one addition that makes timestamps reproducible
        State = EventState.Scheduled;
    }

    /// <summary>
    /// Like <see cref="Start"/>, but a timeout in the future only reserves its place in the queue
    /// order (its key, taken now, as Start would) and waits for the process that owns it to put
    /// it in the queue, or to run it at once when it is due next (<see cref="Simulation.TryRunDeferred"/>),
    /// saving the trip in and out of the heap. One at the current time is queued at once: the
    /// queue keeps those in arrival order.
    /// </summary>
    internal void StartDeferred(double delay, int priority)
    {
        Stamp(delay, priority);
        if (Time == Simulation.Now)
        {
            Simulation.Schedule(this, Time, priority);
            return;
        }
        _key = Simulation.ReserveKey(priority);
        Deferred = true;
    }

    /// <summary>Puts a deferred timeout in the queue under its reserved key.</summary>
    internal void Enqueue()
    {
        Deferred = false;
        Simulation.ScheduleReserved(this, Time, _key);
    }

    /// <summary>The key reserved by <see cref="StartDeferred"/>.</summary>
    internal long Key => _key;

    /// <summary>Run at once by <see cref="Simulation.TryRunDeferred"/>: never queued.</summary>
    internal void RanDeferred()
    {
        Deferred = false;
        MarkProcessed();
    }

    private protected override string Describe() => $"Timeout@{Time}";
}
