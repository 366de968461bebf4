using System.Runtime.CompilerServices;

namespace Sim.Core.Resources;

/// <summary>
/// The waiting puts or gets of a resource, in service order: arrival order, or for an ordered
/// queue by priority (lower first) and arrival among equals. A ring buffer; an ordered arrival is
/// placed by scanning back from the tail, which is short when arrivals mostly come in order.
/// </summary>
internal sealed class RequestQueue<T>(bool ordered) where T : ResourceEvent
{
    private Slot[] _slots = new Slot[8]; // length a power of two
    private int _head;

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Peek() => _slots[_head].Item;

    public void Enqueue(T item)
    {
        if (Count == _slots.Length) Grow();
        int mask = _slots.Length - 1;
        int i = Count++;
        if (ordered)
        {
            // Later arrivals of a larger priority number move back by one; equals stay ahead (FIFO).
            while (i > 0)
            {
                ref Slot before = ref _slots[(_head + i - 1) & mask];
                if (before.Item.Priority <= item.Priority) break;
                _slots[(_head + i) & mask] = before;
                i--;
            }
        }
        _slots[(_head + i) & mask].Item = item;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Dequeue()
    {
        ref Slot slot = ref _slots[_head];
        var item = slot.Item;
        slot.Item = null!;
        _head = (_head + 1) & (_slots.Length - 1);
        Count--;
        return item;
    }

    /// <summary>Takes <paramref name="item"/> out wherever it waits (a withdrawn request); false if it is not here.</summary>
    public bool Remove(T item)
    {
        int mask = _slots.Length - 1;
        for (int i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(_slots[(_head + i) & mask].Item, item)) continue;
            for (int k = i; k < Count - 1; k++) _slots[(_head + k) & mask] = _slots[(_head + k + 1) & mask];
            _slots[(_head + Count - 1) & mask].Item = null!;
            Count--;
            return true;
        }
        return false;
    }

    private void Grow()
    {
        var bigger = new Slot[_slots.Length * 2];
        for (int k = 0; k < Count; k++) bigger[k] = _slots[(_head + k) & (_slots.Length - 1)];
        _slots = bigger;
        _head = 0;
    }

    // A struct wrapper: storing into an array of a shared generic class type costs a covariance check.
    private struct Slot
    {
        public T Item;
    }
}
