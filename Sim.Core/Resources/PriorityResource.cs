using Sim.Core.Engine;

namespace Sim.Core.Resources;

/// <summary>
/// A <see cref="Resource"/> whose waiting requests are served by priority: a lower number first,
/// and in arrival order among equal priorities. Service is not preemptive: a granted unit is kept
/// until released (see <see cref="PreemptiveResource"/> for that).
/// </summary>
public class PriorityResource : Resource
{
    /// <summary>Creates a resource of <paramref name="capacity"/> units with a priority queue.</summary>
    public PriorityResource(Simulation simulation, int capacity = 1, string? name = null) : base(simulation, capacity, name, prioritized: true, trackUsers: false)
    {
    }

    private protected PriorityResource(Simulation simulation, int capacity, string? name, bool trackUsers)
        : base(simulation, capacity, name, prioritized: true, trackUsers)
    {
    }

    /// <summary>Asks for one unit with <paramref name="priority"/> (lower is served first; FIFO among equals).</summary>
    public ResourceRequest Request(int priority, string? label = null)
    {
        Simulation.CheckPriority(priority);
        return Enqueue(NewRequest(priority, preempt: false, label));
    }
}
