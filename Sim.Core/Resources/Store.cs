using System.Runtime.CompilerServices;
using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A FIFO store of items, optionally bounded. <see cref="Put"/> waits while the store is full,
/// <see cref="Get"/> waits while it is empty; waiting putters and getters are served in the
/// order they arrived, and items leave in the order they were put.
/// </summary>
/// <remarks>
/// A put with room or a get with an item available happens at once (the returned event has
/// already happened, so a process yielding it continues without a trip through the queue).
/// A waiter that is served later resumes through the queue at the time it was served.
/// </remarks>
public sealed class Store<T> : BaseResource<StorePut<T>, StoreGet<T>>
{
    private readonly Queue<T> _items = new();
    private readonly Event _accepted;

    /// <summary>Creates a store holding at most <paramref name="capacity"/> items (unbounded by default).</summary>
    public Store(Simulation simulation, int capacity = int.MaxValue, string? name = null) : base(simulation, name)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");
        Capacity = capacity;
        // Every put that finds room returns this one already-happened event: nothing to allocate.
        _accepted = new Event(simulation, external: false);
        _accepted.SucceedImmediately();
    }

    /// <summary>The most items the store holds.</summary>
    public int Capacity { get; }

    /// <summary>Items in the store now.</summary>
    public int Count => _items.Count;

    /// <summary>The items in the store, oldest first (a read-only view).</summary>
    public IEnumerable<T> Items => _items;

    /// <summary>Processes waiting in <see cref="Get"/>.</summary>
    public int WaitingGetters => GetQueue.Count;

    /// <summary>Processes waiting in <see cref="Put"/>.</summary>
    public int WaitingPutters => PutQueue.Count;

    private protected override double MonitoredCapacity => Capacity;

    private protected override double MonitoredLevel => _items.Count;

    /// <summary>Puts <paramref name="item"/>; the returned event happens once the item is in the store.</summary>
    public Event Put(T item)
    {
        if (PutQueue.Count == 0 && _items.Count < Capacity)
        {
            // Getters only wait while the store is empty: the first of them takes the item at once
            // (SimPy's put followed by its get trigger, without the item passing through the queue).
            if (GetQueue.Count > 0) ServeWaitingGetter(item);
            else _items.Enqueue(item);
            if (Monitor is { } monitor)
            {
                monitor.WaitingTime.Add(0);
                Observe();
            }
            return _accepted;
        }
        var put = new StorePut<T>(Simulation, item);
        PutQueue.Enqueue(put);
        Observe();
        return put;
    }

    /// <summary>Takes the oldest item; the returned event happens with it (see <see cref="StoreGet{T}.Item"/>).</summary>
    public StoreGet<T> Get() => Get(null);

    /// <summary>
    /// Like <see cref="Get()"/>, but reuses <paramref name="reuse"/>, an earlier get of this store
    /// that has happened, instead of allocating a new event; with null, allocates one. For hot
    /// loops: <c>get = store.Get(get); yield return get; var item = get.Item;</c>.
    /// </summary>
    public StoreGet<T> Get(StoreGet<T>? reuse)
    {
        StoreGet<T> get;
        if (reuse is null) get = new StoreGet<T>(this);
        else
        {
            reuse.Rearm(this);
            get = reuse;
        }
        if (_items.Count > 0)
        {
            get.Complete(_items.Dequeue(), immediately: true);
            if (PutQueue.Count > 0) TriggerPuts();
            if (Monitor is { } monitor)
            {
                monitor.GetWaitingTime.Add(0);
                Observe();
            }
        }
        else
        {
            GetQueue.Enqueue(get);
            Observe();
        }
        return get;
    }

    private protected override bool DoPut(StorePut<T> put)
    {
        if (_items.Count >= Capacity) return false;
        if (GetQueue.Count > 0) ServeWaitingGetter(put.Item);
        else _items.Enqueue(put.Item);
        put.Trigger(null, null);
        return true;
    }

    private protected override bool DoGet(StoreGet<T> get)
    {
        if (_items.Count == 0) return false;
        get.Complete(_items.Dequeue(), immediately: false);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ServeWaitingGetter(T item)
    {
        var get = GetQueue.Dequeue();
        get.Complete(item, immediately: false);
        Monitor?.GetWaitingTime.Add(Simulation.Now - get.IssuedAt);
    }
}
