using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A request of a <see cref="PreemptiveResource"/>: it also remembers the process that made it,
/// to interrupt when its unit is taken. Other resources' requests stay smaller without it.
/// </summary>
internal sealed class OwnedRequest : ResourceRequest
{
    public OwnedRequest(Resource resource, int priority, bool preempt, string? label) : base(resource, priority, preempt, label)
    {
        Process = resource.Simulation.Active;
    }

    public Process? Process { get; }
}
