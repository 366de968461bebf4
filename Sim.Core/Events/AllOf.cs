using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>An event that succeeds when all of its events have succeeded; with no events, at once.</summary>
public sealed class AllOf : Condition
{
    internal AllOf(Simulation simulation, IEnumerable<Event> events) : base(simulation, events)
    {
    }

    private protected override bool IsMet(int succeeded, int total) => succeeded == total;
}
