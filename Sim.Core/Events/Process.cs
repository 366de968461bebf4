using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>
/// A process: an iterator body that yields the events it waits for. The process is itself an
/// event: it succeeds with its result (see <see cref="SetResult"/>) when the body ends, or fails
/// with the exception that escaped the body, so other processes can wait on it.
/// </summary>
/// <remarks>
/// When the body yields an event that has already happened, the body continues at once in the
/// same step (no trip through the queue). When a resumed-from event failed, the body must observe
/// the failure during that step (read <see cref="Event.Value"/>, which rethrows it, or call
/// <see cref="Event.HandleFault"/>); otherwise the process fails with it. C# iterators cannot have
/// an exception thrown in at the <c>yield</c>, so this is how a failure reaches the waiter.
/// </remarks>
public sealed class Process : Event, IEventListener
{
    private IEnumerator<Event>? _body;
    private Event? _target;
    private Event? _unobservedFault;
    private object? _result;
    private Interruption? _interrupt; // the interrupt this step was resumed with, until it waits again
    private Timeout? _delay;        // the recyclable timeout of Simulation.Delay
    private bool _delayRecyclable;  // it was yielded directly, so only this process waited on it

    internal Process(Simulation simulation, IEnumerable<Event> body, string? name) : base(simulation, external: false)
    {
        ArgumentNullException.ThrowIfNull(body);
        Name = name;
        _body = body.GetEnumerator();
        var start = new Event(simulation, external: false);
        _target = start;
        start.AddListener(this);
        start.Trigger(null, null);
    }

    /// <summary>The process name, used in messages.</summary>
    public string? Name { get; }

    /// <summary>The event the process is waiting for; null once it has ended.</summary>
    public Event? Target => _target;

    /// <summary>True until the body has ended.</summary>
    public bool IsAlive => _body is not null;

    /// <summary>Sets the value the process succeeds with when its body ends (like <c>return value</c> in SimPy).</summary>
    public void SetResult(object? value)
    {
        if (!IsAlive) throw new InvalidOperationException($"{Describe()} has already ended.");
        _result = value;
    }

    /// <summary>
    /// Interrupts the process (SimPy's <c>interrupt</c>): at the current time, before other events
    /// of that time, it stops waiting for its target and resumes with an
    /// <see cref="InterruptException"/> carrying <paramref name="cause"/>, which the body takes with
    /// <see cref="HandleInterrupt"/> (otherwise the process fails with it). The event it was
    /// waiting for no longer resumes it; the body may yield it again.
    /// </summary>
    public void Interrupt(object? cause = null)
    {
        if (!IsAlive) throw new InvalidOperationException($"{Describe()} has ended and cannot be interrupted.");
        if (ReferenceEquals(Simulation.Active, this)) throw new InvalidOperationException($"{Describe()} cannot interrupt itself.");
        _ = new Interruption(this, cause);
    }

    /// <summary>
    /// In a step the process was resumed by <see cref="Interrupt"/>: marks the interrupt as handled
    /// and returns it. Otherwise null. Call it from the body, right after the <c>yield</c>:
    /// <c>yield return sim.Delay(5); if (sim.ActiveProcess.HandleInterrupt() is { } i) ...</c>
    /// </summary>
    public InterruptException? HandleInterrupt() => (InterruptException?)_interrupt?.HandleFault();

    private protected override string Describe() => Name is null ? "Process" : $"Process '{Name}'";

    void IEventListener.OnEvent(Event ev) => Wake(ev);

    /// <summary>The event the process waits for has happened (or it was interrupted): resume the body.</summary>
    internal void Wake(Event ev)
    {
        if (ev is Interruption interruption)
        {
            if (!IsAlive)
            {
                ev.MarkHandled(); // ended before the interrupt came: nothing to resume (as in SimPy)
                return;
            }
            _target?.RemoveListener(this);
            _target = ev;
            _interrupt = interruption;
        }
        Resume(ev);
    }

    internal Timeout NextDelay(double delay, int priority)
    {
        var timeout = _delay;
        if (timeout is not null && _delayRecyclable && timeout.State == EventState.Processed)
        {
            timeout.StartDeferred(delay, priority); // queued, or run at once, when the body yields it (Resume)
        }
        else
        {
            timeout = _delay = new Timeout(Simulation, delay, priority);
        }
        _delayRecyclable = false;
        return timeout;
    }

    internal void FaultHandled(Event ev)
    {
        if (ReferenceEquals(_unobservedFault, ev)) _unobservedFault = null;
    }

    private void Resume(Event ev)
    {
        var sim = Simulation;
        var body = _body!;
        var previous = sim.Active;
        sim.Active = this;
        try
        {
            while (true)
            {
                if (ev.IsFailed)
                {
                    ev.MarkHandled(); // this process now answers for it
                    _unobservedFault = ev;
                }

                bool more;
                try
                {
                    more = body.MoveNext();
                }
                catch (Exception ex)
                {
                    EnqueueDeferredDelay();
                    _unobservedFault = null;
                    End(null, ex);
                    return;
                }

                if (_unobservedFault is { } fault)
                {
                    EnqueueDeferredDelay();
                    _unobservedFault = null;
                    End(null, fault.Error);
                    return;
                }
                if (!more)
                {
                    EnqueueDeferredDelay();
                    End(_result, null);
                    return;
                }

                var next = body.Current;
                if (next is null || next.Simulation != sim)
                {
                    EnqueueDeferredDelay();
                    End(null, new InvalidOperationException(next is null
                        ? $"{Describe()} yielded null instead of an event."
                        : $"{Describe()} yielded an event of another simulation."));
                    return;
                }
                if (next.IsTriggered)
                {
                    EnqueueDeferredDelay();
                    ev = next; // already happened: continue synchronously
                    continue;
                }
                if (ReferenceEquals(next, _delay) && (_delay.Deferred ? sim.TryRunDeferred(_delay) : sim.TryRunNext(_delay)))
                {
                    // The delay was due next anyway: go on at its time, as the queue would have.
                    _target = next;
                    _interrupt = null;
                    _delayRecyclable = true;
                    ev = next;
                    continue;
                }
                EnqueueDeferredDelay();
                _target = next;
                _interrupt = null;
                if (ReferenceEquals(next, _delay)) _delayRecyclable = true;
                next.AddListener(this);
                return;
            }
        }
        finally
        {
            sim.Active = previous;
        }
    }

    /// <summary>The body's delay was not run at once: it goes into the queue now, under the key it took when made.</summary>
    private void EnqueueDeferredDelay()
    {
        if (_delay is { Deferred: true } delay) delay.Enqueue();
    }

    private void End(object? result, Exception? error)
    {
        var body = _body!;
        _body = null;
        _target = null;
        _interrupt = null;
        try
        {
            body.Dispose(); // runs the body's pending finally blocks (e.g. resource releases)
        }
        catch (Exception ex)
        {
            error ??= ex;
        }
        Trigger(error is null ? result : null, error);
    }
}
