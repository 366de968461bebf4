using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A put or a get of a resource (SimPy's <c>Put</c>/<c>Get</c> events): happens when the resource
/// serves it. It remembers when it was issued and, for ordered queues, its priority.
/// </summary>
public abstract class ResourceEvent : Event
{
    private protected ResourceEvent(Simulation simulation, int priority = 0) : base(simulation, external: false)
    {
        IssuedAt = simulation.Now;
        Priority = priority;
    }

    /// <summary>When the put or get was issued.</summary>
    public double IssuedAt { get; private protected set; }

    /// <summary>The priority in the resource's queue: lower is served first; 0 where a resource has no priorities.</summary>
    public int Priority { get; }
}
