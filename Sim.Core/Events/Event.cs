using System.Runtime.ExceptionServices;
using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>
/// Something that happens at one point of simulated time, succeeding with a value or failing
/// with an exception. Processes wait for events by yielding them.
/// </summary>
/// <remarks>
/// Events made with <see cref="Engine.Simulation.Event"/> are triggered by model code through
/// <see cref="Succeed"/> / <see cref="Fail"/>; the other kinds (timeouts, processes, conditions,
/// resource requests) are triggered by the engine.
/// </remarks>
public class Event
{
    private IEventListener? _listener;
    private List<IEventListener>? _moreListeners;
    private object? _value;
    private Exception? _error;
    private readonly bool _external;
    private bool _handled;

    /// <summary>A pending event that model code triggers; usually made with <see cref="Engine.Simulation.Event"/>.</summary>
    public Event(Simulation simulation) : this(simulation, external: true)
    {
    }

    internal Event(Simulation simulation, bool external)
    {
        Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _external = external;
    }

    /// <summary>The simulation this event belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>Where the event is in its life.</summary>
    public EventState State { get; private protected set; }

    /// <summary>True once the event has happened: its value (or failure) is set and its time has come.</summary>
    public bool IsTriggered => State >= EventState.Triggered;

    /// <summary>True once the event's callbacks have run.</summary>
    public bool IsProcessed => State == EventState.Processed;

    /// <summary>True when the event has happened and succeeded.</summary>
    public bool IsOk => State >= EventState.Triggered && _error is null;

    /// <summary>True when the event has happened and failed.</summary>
    public bool IsFailed => _error is not null;

    /// <summary>The failure, or null; reading it does not count as handling it (see <see cref="HandleFault"/>).</summary>
    public Exception? Error => _error;

    /// <summary>
    /// The value the event succeeded with. Throws <see cref="InvalidOperationException"/> before the
    /// event has happened; for a failed event it rethrows the failure, which counts as handling it.
    /// </summary>
    public object? Value
    {
        get
        {
            if (State < EventState.Triggered) throw new InvalidOperationException($"{Describe()} has not happened yet.");
            if (_error is not null)
            {
                HandleFault();
                ExceptionDispatchInfo.Throw(_error);
            }
            return GetValue();
        }
    }

    /// <summary>
    /// Marks this event's failure as handled by the running process (or the caller) and returns it;
    /// returns null for an event that did not fail.
    /// </summary>
    public Exception? HandleFault()
    {
        if (_error is null) return null;
        _handled = true;
        Simulation.Active?.FaultHandled(this);
        return _error;
    }

    /// <summary>Triggers the event with <paramref name="value"/>; its waiters resume at the current time.</summary>
    public void Succeed(object? value = null, int priority = 0)
    {
        CheckExternal();
        Trigger(value, null, priority);
    }

    /// <summary>Fails the event with <paramref name="error"/>; each waiting process gets it rethrown when it reads <see cref="Value"/>.</summary>
    public void Fail(Exception error, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(error);
        CheckExternal();
        Trigger(null, error, priority);
    }

    /// <summary>
    /// Calls <paramref name="callback"/> when the event is processed (at once if it already was).
    /// A callback counts as handling a failure.
    /// </summary>
    public void AddCallback(Action<Event> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (State == EventState.Processed)
        {
            MarkHandled();
            callback(this);
        }
        else
        {
            AddListener(new CallbackListener(callback));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Describe()} ({State})";

    /// <summary>A short description for messages.</summary>
    private protected virtual string Describe() => GetType().Name;

    /// <summary>The success value; subclasses holding a typed value override this.</summary>
    private protected virtual object? GetValue() => _value;

    internal void AddListener(IEventListener listener)
    {
        if (_listener is null) _listener = listener;
        else (_moreListeners ??= []).Add(listener);
    }

    /// <summary>Stops <paramref name="listener"/> from being resumed by this event (an interrupted process).</summary>
    internal void RemoveListener(IEventListener listener)
    {
        var more = _moreListeners;
        if (ReferenceEquals(_listener, listener))
        {
            // Keep the order: the first of the others moves up.
            if (more is { Count: > 0 })
            {
                _listener = more[0];
                more.RemoveAt(0);
            }
            else _listener = null;
        }
        else more?.Remove(listener);
    }

    internal void MarkHandled() => _handled = true;

    /// <summary>Processed without listeners, by <see cref="Simulation.TryRunNext"/>.</summary>
    internal void MarkProcessed() => State = EventState.Processed;

    /// <summary>Makes a processed event pending again, for resources that let callers reuse their request objects.</summary>
    internal void Rearm()
    {
        if (State != EventState.Processed) throw new InvalidOperationException($"{Describe()} cannot be reused before it has happened.");
        _value = null;
        _error = null;
        _handled = false;
        State = EventState.Pending;
    }

    /// <summary>Sets the outcome and queues the callbacks at the current time.</summary>
    internal void Trigger(object? value, Exception? error, int priority = 0)
    {
        if (State >= EventState.Scheduled) throw new InvalidOperationException($"{Describe()} has already been triggered.");
        Simulation.CheckPriority(priority);
        _value = value;
        _error = error;
        State = EventState.Triggered;
        Simulation.Schedule(this, Simulation.Now, priority);
    }

    /// <summary>
    /// Succeeds an event nobody can be waiting on yet (it was just created), skipping the queue:
    /// used by resources when a request can be served at once.
    /// </summary>
    internal void SucceedImmediately(object? value = null)
    {
        _value = value;
        State = EventState.Processed;
    }

    /// <summary>Runs the callbacks; called by the simulation when the event leaves the queue.</summary>
    internal void Fire()
    {
        State = EventState.Processed;
        var listener = _listener;
        if (listener is not null)
        {
            _listener = null;
            var more = _moreListeners;
            var sim = Simulation;
            sim.LastListener = more is null;
            // Nearly every listener is a process: a type test and a direct call are cheaper than
            // the interface dispatch, which the JIT no longer guesses without profile guidance.
            if (listener is Process process) process.Wake(this);
            else listener.OnEvent(this);
            if (more is not null)
            {
                _moreListeners = null;
                for (int i = 0; i < more.Count; i++)
                {
                    sim.LastListener = i == more.Count - 1;
                    more[i].OnEvent(this);
                }
            }
        }
        if (_error is not null && !_handled) ExceptionDispatchInfo.Throw(_error);
    }

    private void CheckExternal()
    {
        if (!_external) throw new InvalidOperationException($"{Describe()} is triggered by the simulation, not by model code.");
    }
}
