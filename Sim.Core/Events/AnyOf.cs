using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>An event that succeeds when any of its events has succeeded; with no events, at once.</summary>
public sealed class AnyOf : Condition
{
    internal AnyOf(Simulation simulation, IEnumerable<Event> events) : base(simulation, events)
    {
    }

    private protected override bool IsMet(int succeeded, int total) => succeeded > 0;
}
