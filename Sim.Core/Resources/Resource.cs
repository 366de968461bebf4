using System.Runtime.CompilerServices;
using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A resource with a number of identical units; requests are granted in FIFO order while units
/// are free. A granted request holds one unit until it is released (or disposed).
/// </summary>
/// <remarks>
/// In SimPy's shape a request is a put (it waits in the put queue until a unit is free) and a
/// release is a get that is always served at once, so the get queue stays empty.
/// </remarks>
/// <example><code>
/// using (var req = machine.Request()) { yield return req; yield return sim.Timeout(5); }
/// </code></example>
public class Resource : BaseResource<ResourceRequest, ResourceRequest>
{
    private readonly List<ResourceRequest>? _users; // kept only where preemption needs to pick one

    /// <summary>Creates a resource of <paramref name="capacity"/> units.</summary>
    public Resource(Simulation simulation, int capacity = 1, string? name = null) : this(simulation, capacity, name, prioritized: false, trackUsers: false)
    {
    }

    private protected Resource(Simulation simulation, int capacity, string? name, bool prioritized, bool trackUsers)
        : base(simulation, name, prioritizedPuts: prioritized)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");
        Capacity = capacity;
        if (trackUsers) _users = [];
    }

    /// <summary>Number of units.</summary>
    public int Capacity { get; }

    /// <summary>Units held now.</summary>
    public int InUse { get; private set; }

    /// <summary>Requests waiting for a unit.</summary>
    public int QueueLength => PutQueue.Count;

    private protected override double MonitoredCapacity => Capacity;

    private protected override double MonitoredLevel => InUse;

    /// <summary>The granted requests holding a unit, in grant order (only kept by a preemptive resource).</summary>
    private protected IReadOnlyList<ResourceRequest> Users => _users ?? [];


    /// <summary>
    /// Asks for one unit; the returned event happens when it is granted (at once if one is free and
    /// nobody waits). <paramref name="label"/> names its busy interval in a monitor that records them.
    /// </summary>
    public ResourceRequest Request(string? label = null) => Enqueue(NewRequest(0, preempt: false, label));

    /// <summary>
    /// Gives a granted unit back (and grants the next waiting request), or withdraws a request still
    /// waiting. Releasing twice, or releasing a request that was preempted, does nothing.
    /// </summary>
    public void Release(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource != this) throw new ArgumentException("The request belongs to another resource.", nameof(request));
        switch (request.Status)
        {
            case ResourceRequest.RequestStatus.Granted:
                GiveBack(request);
                if (PutQueue.Count > 0) TriggerPuts();
                Observe();
                break;
            case ResourceRequest.RequestStatus.Waiting:
                request.Status = ResourceRequest.RequestStatus.Released;
                WithdrawPut(request);
                if (PutQueue.Count > 0) TriggerPuts(); // a new head may be able to preempt
                Observe();
                break;
        }
    }

    /// <summary>A new request; where preemption may interrupt its process, one that remembers the process.</summary>
    private protected ResourceRequest NewRequest(int priority, bool preempt, string? label) =>
        _users is null ? new ResourceRequest(this, priority, preempt, label) : new OwnedRequest(this, priority, preempt, label);

    /// <summary>Grants <paramref name="request"/> at once when a unit is free and nobody waits, else queues it.</summary>
    private protected ResourceRequest Enqueue(ResourceRequest request)
    {
        if (InUse < Capacity && PutQueue.Count == 0)
        {
            Grant(request, immediately: true);
            if (Monitor is { } monitor)
            {
                monitor.WaitingTime.Add(0);
                Observe();
            }
            return request;
        }
        PutQueue.Enqueue(request);
        if (request.Preempt) TriggerPuts(); // it may have gone to the head and can take a unit
        Observe();
        return request;
    }

    /// <summary>
    /// Takes a unit from a user for <paramref name="request"/> when no unit is free; false where this
    /// resource does not preempt (see <see cref="PreemptiveResource"/>).
    /// </summary>
    private protected virtual bool TryPreempt(ResourceRequest request) => false;

    /// <summary>Takes the unit from <paramref name="user"/> without its consent (preemption); it counts as released.</summary>
    private protected void Evict(ResourceRequest user)
    {
        GiveBack(user);
        user.Status = ResourceRequest.RequestStatus.Preempted;
    }

    private protected override bool DoPut(ResourceRequest request)
    {
        if (InUse >= Capacity && !(request.Preempt && TryPreempt(request))) return false;
        Grant(request, immediately: false);
        return true;
    }

    /// <summary>A release: gives the unit of <paramref name="request"/> back; always served at once.</summary>
    private protected override bool DoGet(ResourceRequest request)
    {
        GiveBack(request);
        return true;
    }

    private void GiveBack(ResourceRequest request)
    {
        request.Status = ResourceRequest.RequestStatus.Released;
        InUse--;
        _users?.Remove(request);
        Monitor?.RecordBusy(request.GrantedAt, Simulation.Now, request.Label ?? Name ?? "busy");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Grant(ResourceRequest request, bool immediately)
    {
        InUse++;
        request.Status = ResourceRequest.RequestStatus.Granted;
        request.GrantedAt = Simulation.Now;
        _users?.Add(request);
        if (immediately) request.SucceedImmediately();
        else request.Trigger(null, null);
    }
}
