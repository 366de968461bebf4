using Sim.Core.Events;

namespace Sim.Core.Engine;

/// <summary>
/// A discrete-event simulation: a clock and a queue of scheduled events, in the style of
/// SimPy/SimSharp. Processes are C# iterators that yield the events they wait for.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Events are processed in order of (time, priority, insertion): earlier
/// time first; at equal time lower <c>priority</c> first; at equal priority the event
/// scheduled first. The order is fully deterministic.</para>
/// <para><b>Exact time.</b> A timeout of delay <c>d</c> created at time <c>t</c> fires at exactly
/// <c>t + d</c> (one double addition, no other rounding), and the clock is set to an event's
/// stored time when it is processed, so a process resumed by an event sees <see cref="Now"/>
/// bit-equal to that event's time.</para>
/// <para><b>Synchronous continuation.</b> When a process yields an event that has already
/// happened (see <see cref="Event.IsTriggered"/>), e.g. a <c>Store.Get</c> with an item available
/// or a <c>Store.Put</c> with room, the process continues at once within the same step, without
/// a trip through the queue; the clock does not move. Only events that must wait go into the
/// queue.</para>
/// <para><b>Failures.</b> A failed event resumes its waiting processes; a process must observe the
/// failure in that step (read <see cref="Event.Value"/>, which rethrows it inside the process,
/// or call <see cref="Event.HandleFault"/>), otherwise the process itself fails with the same
/// exception. A failed event that nobody handles makes <see cref="Run()"/> rethrow it.</para>
/// </remarks>
public sealed class Simulation
{
    /// <summary>Largest magnitude allowed for a priority (it is packed with the sequence number).</summary>
    public const int MaxPriority = 1_000_000;

    private const int PriorityShift = 43;
    private const long MaxSequence = (1L << PriorityShift) - 1;

    private readonly EventQueue _queue = new();
    private double _now;
    private long _sequence;
    private bool _running;
    private double _until; // the limit of the Run in progress

    /// <summary>Creates a simulation whose clock starts at <paramref name="startTime"/>.</summary>
    public Simulation(double startTime = 0)
    {
        if (!double.IsFinite(startTime)) throw new ArgumentOutOfRangeException(nameof(startTime), "must be finite");
        _now = startTime;
    }

    /// <summary>The current simulation time (arbitrary unit, chosen by the model).</summary>
    public double Now => _now;

    /// <summary>Number of events taken from the queue and processed so far.</summary>
    public long ProcessedEventCount { get; private set; }

    /// <summary>Number of events scheduled and not yet processed.</summary>
    public int QueuedEventCount => _queue.Count;

    /// <summary>The process whose body is executing; throws when called from outside a process.</summary>
    public Process ActiveProcess => Active ?? throw new InvalidOperationException("No process is running.");

    internal Process? Active { get; set; }

    /// <summary>
    /// True while the listener being called is the last one of the event being fired, so that
    /// nothing else is due at the current time once it returns (see <see cref="TryRunNext"/>).
    /// </summary>
    internal bool LastListener { get; set; }

    /// <summary>A new pending event that model code triggers with <see cref="Event.Succeed"/> or <see cref="Event.Fail"/>.</summary>
    public Event Event() => new(this);

    /// <summary>An event that happens <paramref name="delay"/> after <see cref="Now"/>, at exactly <c>Now + delay</c>.</summary>
    public Events.Timeout Timeout(double delay, int priority = 0) => new(this, delay, priority);

    /// <summary>
    /// A timeout for the running process to yield at once, like <c>yield return sim.Delay(d)</c>:
    /// fires at exactly <c>Now + delay</c> like <see cref="Timeout"/>, but the event object is
    /// recycled for the process's next <c>Delay</c> once it has fired, so a timeout-heavy process
    /// allocates nothing. Do not keep the returned event, read it later or hand it to others; use
    /// <see cref="Timeout"/> for that (one given to a condition is not recycled).
    /// </summary>
    public Event Delay(double delay, int priority = 0) => ActiveProcess.NextDelay(delay, priority);

    /// <summary>Starts a process running <paramref name="body"/>; it begins at the current time, in queue order.</summary>
    public Process Process(IEnumerable<Event> body, string? name = null) => new(this, body, name);

    /// <summary>An event that succeeds when all <paramref name="events"/> have succeeded (at once if there are none).</summary>
    public AllOf AllOf(params IEnumerable<Event> events) => new(this, events);

    /// <summary>An event that succeeds when any of <paramref name="events"/> has succeeded (at once if there are none).</summary>
    public AnyOf AnyOf(params IEnumerable<Event> events) => new(this, events);

    /// <summary>Processes events until the queue is empty.</summary>
    public void Run() => RunUntil(double.PositiveInfinity);

    /// <summary>
    /// Processes every event scheduled before <paramref name="until"/>, then sets the clock to
    /// <paramref name="until"/>. Events at exactly <paramref name="until"/> stay queued (as in
    /// SimPy), so a later <c>Run</c> continues where this one stopped.
    /// </summary>
    public void Run(double until)
    {
        if (double.IsNaN(until) || until < _now)
            throw new ArgumentOutOfRangeException(nameof(until), until, $"must be at least the current time {_now}");
        RunUntil(until);
        if (!double.IsPositiveInfinity(until)) _now = until;
    }

    private void RunUntil(double until)
    {
        if (_running) throw new InvalidOperationException("Run was called from inside the simulation.");
        _running = true;
        _until = until;
        try
        {
            var queue = _queue;
            while (queue.Count > 0 && queue.PeekTime < until)
            {
                var ev = queue.Pop(out _now);
                ProcessedEventCount++;
                ev.Fire();
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>
    /// Processes <paramref name="timeout"/> at once, from inside the step of the process that
    /// yielded it, when it is the very next event the run would take from the queue anyway: the
    /// process's step is the last thing due at the current time (<see cref="LastListener"/>, no
    /// event at the current time queued), the timeout is the earliest entry of the queue, and it
    /// falls before the run's limit. The clock moves to its time and the process goes on without
    /// the trip through the queue and back, the same order and times as the trip would give.
    /// </summary>
    internal bool TryRunNext(Events.Timeout timeout)
    {
        if (!LastListener || !_queue.IsNext(timeout) || !(timeout.Time < _until)) return false;
        _queue.Pop(out _now);
        ProcessedEventCount++;
        timeout.MarkProcessed();
        return true;
    }

    /// <summary>
    /// Runs a deferred timeout (<see cref="Events.Timeout.StartDeferred"/>) at once, without
    /// queueing it, on the same condition as <see cref="TryRunNext"/>: it would be the very next
    /// event taken from the queue (nothing at the current time, nothing earlier in the heap, its
    /// reserved key before any entry at the same time) and before the run's limit.
    /// </summary>
    internal bool TryRunDeferred(Events.Timeout timeout)
    {
        if (!LastListener || !_queue.IsBefore(timeout.Time, timeout.Key) || !(timeout.Time < _until)) return false;
        _now = timeout.Time;
        ProcessedEventCount++;
        timeout.RanDeferred();
        return true;
    }

    /// <summary>Puts <paramref name="ev"/> into the queue at <paramref name="time"/>.</summary>
    internal void Schedule(Event ev, double time, int priority)
    {
        long key = ReserveKey(priority);
        if (priority == 0 && time == _now) _queue.PushCurrent(time, key, ev);
        else _queue.Push(time, key, ev);
    }

    /// <summary>The queue key of the next event scheduled with <paramref name="priority"/>: (priority, insertion) order.</summary>
    internal long ReserveKey(int priority)
    {
        if (_sequence == MaxSequence) throw new InvalidOperationException("Event sequence number space exhausted.");
        return ((long)priority << PriorityShift) | _sequence++;
    }

    /// <summary>Puts <paramref name="ev"/>, due after the current time, into the queue under a key taken earlier.</summary>
    internal void ScheduleReserved(Event ev, double time, long key) => _queue.Push(time, key, ev);

    internal static void CheckPriority(int priority)
    {
        if (priority is < -MaxPriority or > MaxPriority)
            throw new ArgumentOutOfRangeException(nameof(priority), priority, $"must be within ±{MaxPriority}");
    }
}
