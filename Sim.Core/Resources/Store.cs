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
public sealed class Store<T>
{
    private readonly Queue<T> _items = new();
    private readonly Queue<StoreGet<T>> _getters = new();
    private readonly Queue<StorePut<T>> _putters = new();
    private readonly Event _accepted;

    /// <summary>Creates a store holding at most <paramref name="capacity"/> items (unbounded by default).</summary>
    public Store(Simulation simulation, int capacity = int.MaxValue, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");
        Simulation = simulation;
        Capacity = capacity;
        Name = name;
        // Every put that finds room returns this one already-happened event: nothing to allocate.
        _accepted = new Event(simulation, external: false);
        _accepted.SucceedImmediately();
    }

    /// <summary>The simulation the store belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The most items the store holds.</summary>
    public int Capacity { get; }

    /// <summary>The store name, for messages.</summary>
    public string? Name { get; }

    /// <summary>Items in the store now.</summary>
    public int Count => _items.Count;

    /// <summary>The items in the store, oldest first (a read-only view).</summary>
    public IEnumerable<T> Items => _items;

    /// <summary>Processes waiting in <see cref="Get"/>.</summary>
    public int WaitingGetters => _getters.Count;

    /// <summary>Processes waiting in <see cref="Put"/>.</summary>
    public int WaitingPutters => _putters.Count;

    /// <summary>Puts <paramref name="item"/>; the returned event happens once the item is in the store.</summary>
    public Event Put(T item)
    {
        if (_putters.Count == 0 && _items.Count < Capacity)
        {
            Accept(item);
            return _accepted;
        }
        var put = new StorePut<T>(Simulation, item);
        _putters.Enqueue(put);
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
            AdmitPutters();
        }
        else
        {
            _getters.Enqueue(get);
        }
        return get;
    }

    private void Accept(T item)
    {
        // Getters only wait while the store is empty, so the first of them takes the item.
        if (_getters.Count > 0) _getters.Dequeue().Complete(item, immediately: false);
        else _items.Enqueue(item);
    }

    private void AdmitPutters()
    {
        while (_putters.Count > 0 && _items.Count < Capacity)
        {
            var put = _putters.Dequeue();
            Accept(put.Item);
            put.Trigger(null, null);
        }
    }
}
