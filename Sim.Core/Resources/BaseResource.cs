using System.Runtime.CompilerServices;
using Sim.Core.Analysis;
using Sim.Core.Engine;

namespace Sim.Core.Resources;

/// <summary>
/// The shape every resource shares (SimPy's <c>BaseResource</c>): a queue of waiting puts, a queue
/// of waiting gets, a rule for serving one of each (<see cref="DoPut"/>, <see cref="DoGet"/>), and
/// trigger loops that serve the heads of the queues while the rule allows.
/// </summary>
/// <remarks>
/// <para>Service is strictly in queue order: a head that cannot be served blocks the requests
/// behind it. A put or get that can be served when issued happens at once (the returned event
/// has already happened, so a process yielding it continues in the same step); the derived
/// resources serve that case without queueing an object. A waiter served later resumes through
/// the event queue at the time it was served.</para>
/// <para>Serving a put can make a get servable and back (a store: an item for a waiting getter;
/// a container: content, then room); <see cref="Settle"/> alternates until neither side moves.
/// Unlike SimPy, which re-runs the trigger loops from the served events' callbacks, this happens
/// within the step that changed the resource, so waiters are served at that exact time.</para>
/// </remarks>
/// <typeparam name="TPut">The put event (a <see cref="ResourceRequest"/> for a <see cref="Resource"/>).</typeparam>
/// <typeparam name="TGet">The get event.</typeparam>
public abstract class BaseResource<TPut, TGet>
    where TPut : ResourceEvent
    where TGet : ResourceEvent
{
    private ResourceMonitor? _monitor;

    /// <param name="simulation">The simulation the resource belongs to.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="prioritizedPuts">Whether waiting puts are ordered by priority (a priority resource) instead of arrival.</param>
    private protected BaseResource(Simulation simulation, string? name, bool prioritizedPuts = false)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        Simulation = simulation;
        Name = name;
        PutQueue = new RequestQueue<TPut>(prioritizedPuts);
        GetQueue = new RequestQueue<TGet>(ordered: false);
    }

    /// <summary>The simulation the resource belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The resource name, for messages and as the default label of busy intervals.</summary>
    public string? Name { get; }

    /// <summary>
    /// When set, records utilization, queue lengths and waiting times from now on (see
    /// <see cref="ResourceMonitor"/>); one monitor per resource.
    /// </summary>
    public ResourceMonitor? Monitor
    {
        get => _monitor;
        set
        {
            if (ReferenceEquals(value, _monitor)) return;
            value?.Attach(Simulation, MonitoredCapacity, MonitoredLevel, PutQueue.Count, GetQueue.Count);
            _monitor = value;
        }
    }

    private protected RequestQueue<TPut> PutQueue { get; }

    private protected RequestQueue<TGet> GetQueue { get; }

    /// <summary>Capacity as the monitor sees it (units, items or amount).</summary>
    private protected abstract double MonitoredCapacity { get; }

    /// <summary>What is in use now, as the monitor sees it (units held, items stored, level).</summary>
    private protected abstract double MonitoredLevel { get; }

    /// <summary>Serves <paramref name="put"/> (and triggers it) if the resource allows it now; false otherwise.</summary>
    private protected abstract bool DoPut(TPut put);

    /// <summary>Serves <paramref name="get"/> (and triggers it) if the resource allows it now; false otherwise.</summary>
    private protected abstract bool DoGet(TGet get);

    /// <summary>Serves waiting puts from the head while <see cref="DoPut"/> allows; true if any was served.</summary>
    private protected bool TriggerPuts()
    {
        bool served = false;
        var queue = PutQueue;
        while (queue.Count > 0)
        {
            var put = queue.Peek();
            if (!DoPut(put)) break;
            queue.Dequeue();
            _monitor?.WaitingTime.Add(Simulation.Now - put.IssuedAt);
            served = true;
        }
        return served;
    }

    /// <summary>Serves waiting gets from the head while <see cref="DoGet"/> allows; true if any was served.</summary>
    private protected bool TriggerGets()
    {
        bool served = false;
        var queue = GetQueue;
        while (queue.Count > 0)
        {
            var get = queue.Peek();
            if (!DoGet(get)) break;
            queue.Dequeue();
            _monitor?.GetWaitingTime.Add(Simulation.Now - get.IssuedAt);
            served = true;
        }
        return served;
    }

    /// <summary>Serves both queues until neither moves (gets first).</summary>
    private protected void Settle()
    {
        bool moved;
        do
        {
            moved = TriggerGets();
            moved |= TriggerPuts();
        } while (moved);
    }

    /// <summary>Takes a waiting put out of the queue (a withdrawn request); false if it was not waiting.</summary>
    private protected bool WithdrawPut(TPut put) => PutQueue.Remove(put);

    /// <summary>Records the resource's state after a change, when monitored: a null check otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void Observe()
    {
        if (_monitor is not null) Record(_monitor);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Record(ResourceMonitor monitor) => monitor.Observe(MonitoredLevel, PutQueue.Count, GetQueue.Count);
}
