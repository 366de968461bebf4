using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>A request for one unit of a <see cref="Resource"/>; happens when granted. Disposing releases it.</summary>
public class ResourceRequest : ResourceEvent, IDisposable
{
    internal ResourceRequest(Resource resource, int priority, bool preempt, string? label) : base(resource.Simulation, priority)
    {
        Resource = resource;
        Preempt = preempt;
        Label = label;
    }

    internal enum RequestStatus : byte
    {
        Waiting,
        Granted,
        Released,
        Preempted,
    }

    /// <summary>The resource asked for.</summary>
    public Resource Resource { get; }

    /// <summary>Whether the request may take a unit from a user of lower priority (<see cref="PreemptiveResource"/> only).</summary>
    public bool Preempt { get; }

    /// <summary>Label of the busy interval recorded for this request, if the resource's monitor records them.</summary>
    public string? Label { get; }

    /// <summary>
    /// The process that made the request, kept by a <see cref="PreemptiveResource"/> (which interrupts
    /// it when the unit is preempted); null elsewhere and for a request made outside a process.
    /// </summary>
    public Process? Owner => (this as OwnedRequest)?.Process;

    /// <summary>When the unit was granted (SimPy's <c>usage_since</c>); meaningful once the request has happened.</summary>
    public double GrantedAt { get; internal set; }

    /// <summary>True if a request of higher priority took the unit away (see <see cref="PreemptiveResource"/>).</summary>
    public bool WasPreempted => Status == RequestStatus.Preempted;

    internal RequestStatus Status { get; set; }

    /// <summary>Releases the unit (or withdraws the request); same as <see cref="Resources.Resource.Release"/>.</summary>
    public void Dispose() => Resource.Release(this);

    private protected override string Describe() => Resource.Name is null ? "ResourceRequest" : $"Request for '{Resource.Name}'";
}
