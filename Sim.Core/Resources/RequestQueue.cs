namespace Sim.Core.Resources;

/// <summary>
/// The waiting puts or gets of a resource, in service order: by priority (lower first), then by
/// arrival. A ring buffer; an arrival is placed by scanning back from the tail, so with one
/// priority (plain FIFO resources) it is appended after a single compare.
/// </summary>
internal sealed class RequestQueue<T> where T : ResourceEvent
{
    private T[] _items = new T[8]; // length a power of two
    private int _head;
    private long _arrivals;

    public int Count { get; private set; }

    public T Peek() => _items[_head];

    public void Enqueue(T item)
    {
        if (Count == _items.Length) Grow();
        item.Arrival = _arrivals++;
        int mask = _items.Length - 1;
        int i = Count++;
        // Shift later arrivals of a larger priority number back by one; equals stay ahead (FIFO).
        while (i > 0)
        {
            var before = _items[(_head + i - 1) & mask];
            if (before.Priority <= item.Priority) break;
            _items[(_head + i) & mask] = before;
            i--;
        }
        _items[(_head + i) & mask] = item;
    }

    public T Dequeue()
    {
        var item = _items[_head];
        _items[_head] = null!;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return item;
    }

    /// <summary>Takes <paramref name="item"/> out wherever it waits (a withdrawn request); false if it is not here.</summary>
    public bool Remove(T item)
    {
        int mask = _items.Length - 1;
        for (int i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(_items[(_head + i) & mask], item)) continue;
            for (int k = i; k < Count - 1; k++) _items[(_head + k) & mask] = _items[(_head + k + 1) & mask];
            _items[(_head + Count - 1) & mask] = null!;
            Count--;
            return true;
        }
        return false;
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2];
        for (int k = 0; k < Count; k++) bigger[k] = _items[(_head + k) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
