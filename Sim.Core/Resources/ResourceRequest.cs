using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>A request for one unit of a <see cref="Resource"/>; happens when granted. Disposing releases it.</summary>
public sealed class ResourceRequest : Event, IDisposable
{
    internal ResourceRequest(Resource resource, string? label) : base(resource.Simulation, external: false)
    {
        Resource = resource;
        Label = label;
    }

    internal enum RequestStatus : byte
    {
        Waiting,
        Granted,
        Released,
    }

    /// <summary>The resource asked for.</summary>
    public Resource Resource { get; }

    /// <summary>Label of the busy interval recorded for this request, if the resource is monitored.</summary>
    public string? Label { get; }

    internal RequestStatus Status { get; set; }

    internal double GrantedAt { get; set; }

    /// <summary>Releases the unit (or withdraws the request); same as <see cref="Resources.Resource.Release"/>.</summary>
    public void Dispose() => Resource.Release(this);

    private protected override string Describe() => Resource.Name is null ? "ResourceRequest" : $"Request for '{Resource.Name}'";
}
