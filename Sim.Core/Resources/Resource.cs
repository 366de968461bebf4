using Sim.Core.Analysis;
using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A resource with a number of identical units; requests are granted in FIFO order while units
/// are free. A granted request holds one unit until it is released (or disposed).
/// </summary>
/// <example><code>
/// using (var req = machine.Request()) { yield return req; yield return sim.Timeout(5); }
/// </code></example>
public sealed class Resource
{
    private readonly Queue<ResourceRequest> _queue = new();
    private int _waiting;

    /// <summary>Creates a resource of <paramref name="capacity"/> units.</summary>
    public Resource(Simulation simulation, int capacity = 1, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");
        Simulation = simulation;
        Capacity = capacity;
        Name = name;
    }

    /// <summary>The simulation the resource belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>Number of units.</summary>
    public int Capacity { get; }

    /// <summary>The resource name; the default label of its busy intervals.</summary>
    public string? Name { get; }

    /// <summary>Units held now.</summary>
    public int InUse { get; private set; }

    /// <summary>Requests waiting for a unit.</summary>
    public int QueueLength => _waiting;

    /// <summary>When set, each grant-to-release span is recorded (label: the request's, else <see cref="Name"/>).</summary>
    public BusyMonitor? Monitor { get; set; }

    /// <summary>Asks for one unit; the returned event happens when it is granted (at once if one is free and nobody waits).</summary>
    public ResourceRequest Request(string? label = null)
    {
        var request = new ResourceRequest(this, label);
        if (InUse < Capacity && _waiting == 0) Grant(request, immediately: true);
        else
        {
            _queue.Enqueue(request);
            _waiting++;
        }
        return request;
    }

    /// <summary>
    /// Gives a granted unit back (and grants the next waiting request), or withdraws a request still
    /// waiting. Releasing twice does nothing.
    /// </summary>
    public void Release(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource != this) throw new ArgumentException("The request belongs to another resource.", nameof(request));
        switch (request.Status)
        {
            case ResourceRequest.RequestStatus.Granted:
                request.Status = ResourceRequest.RequestStatus.Released;
                InUse--;
                Monitor?.Record(request.GrantedAt, Simulation.Now, request.Label ?? Name ?? "busy");
                GrantWaiting();
                break;
            case ResourceRequest.RequestStatus.Waiting:
                request.Status = ResourceRequest.RequestStatus.Released; // left in the queue, skipped when reached
                _waiting--;
                break;
        }
    }

    private void GrantWaiting()
    {
        while (InUse < Capacity && _queue.Count > 0)
        {
            var next = _queue.Dequeue();
            if (next.Status != ResourceRequest.RequestStatus.Waiting) continue;
            _waiting--;
            Grant(next, immediately: false);
        }
    }

    private void Grant(ResourceRequest request, bool immediately)
    {
        InUse++;
        request.Status = ResourceRequest.RequestStatus.Granted;
        request.GrantedAt = Simulation.Now;
        if (immediately) request.SucceedImmediately();
        else request.Trigger(null, null);
    }
}
