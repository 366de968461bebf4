using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>
/// An event that happens when enough of a set of events have succeeded (see <see cref="AllOf"/>,
/// <see cref="AnyOf"/>). It fails as soon as one of its events fails before it has happened.
/// Its value is <see cref="Fired"/>.
/// </summary>
/// <remarks>
/// Events that have already happened when the condition is built count at once. Once the
/// condition has happened it stops listening: a later failure of one of its events is not
/// handled by the condition (as in SimPy).
/// </remarks>
public abstract class Condition : Event, IEventListener
{
    private readonly Event[] _events;
    private int _succeeded;
    private List<Event>? _fired;

    private protected Condition(Simulation simulation, IEnumerable<Event> events) : base(simulation, external: false)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = events.ToArray();
        foreach (var ev in _events)
        {
            if (ev is null) throw new ArgumentException("A condition's events must not be null.", nameof(events));
            if (ev.Simulation != simulation) throw new ArgumentException("A condition's events must belong to its simulation.", nameof(events));
        }

        if (_events.Length == 0)
        {
            _fired = [];
            Trigger(_fired, null);
            return;
        }
        foreach (var ev in _events)
        {
            if (IsTriggered) break;
            if (ev.IsTriggered) Check(ev);
            else ev.AddListener(this);
        }
    }

    /// <summary>All events of the condition, in the order given.</summary>
    public IReadOnlyList<Event> Events => _events;

    /// <summary>
    /// The events that had succeeded when the condition happened, in the order given (for an
    /// <see cref="AllOf"/>: all of them). Empty until then.
    /// </summary>
    public IReadOnlyList<Event> Fired => (IReadOnlyList<Event>?)_fired ?? [];

    /// <summary>Whether <paramref name="succeeded"/> successes out of <paramref name="total"/> events satisfy the condition.</summary>
    private protected abstract bool IsMet(int succeeded, int total);

    void IEventListener.OnEvent(Event ev) => Check(ev);

    private void Check(Event ev)
    {
        if (IsTriggered) return;
        if (ev.IsFailed)
        {
            ev.MarkHandled();
            Trigger(null, ev.Error);
            return;
        }
        _succeeded++;
        if (!IsMet(_succeeded, _events.Length)) return;
        _fired = new List<Event>(_succeeded);
        foreach (var e in _events)
        {
            if (e.IsOk) _fired.Add(e);
        }
        Trigger(_fired, null);
    }
}
