using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sim.Core.Events;

namespace Sim.Core.Engine;

/// <summary>
/// The future-event list, ordered by (time, key) where the key packs the priority above an
/// insertion sequence number, so (time, priority, insertion) order is one lexicographic compare.
/// </summary>
/// <remarks>
/// Two parts, merged on every pop:
/// <list type="bullet">
/// <item>a FIFO of events triggered at the current time with the default priority (store and
/// resource wake-ups, succeeded events, process starts and ends). They all share one time and one
/// priority and arrive in sequence order, so the FIFO is already sorted: O(1) in and out.</item>
/// <item>a 4-ary min-heap for everything else (timeouts, other priorities). Its entries are plain
/// structs without object references (the event sits in a slot array, the entry holds its slot
/// number), so moving entries during sifts needs no GC write barriers.</item>
/// </list>
/// Nothing is allocated per event once the arrays have grown to the model's working size.
/// </remarks>
internal sealed class EventQueue
{
    private Entry[] _heap = new Entry[64];
    private Slot[] _slots = new Slot[64];
    private int[] _freeSlots = new int[64];
    private int _heapCount;
    private int _freeCount;
    private int _usedSlots;

    private CurrentEntry[] _fifo = new CurrentEntry[64]; // ring buffer, length a power of two
    private int _fifoHead;
    private int _fifoCount;
    private double _fifoTime;

    public int Count => _heapCount + _fifoCount;

    /// <summary>The time of the earliest entry; only valid when <see cref="Count"/> &gt; 0.</summary>
    public double PeekTime => _fifoCount > 0 ? _fifoTime : _heap[0].Time;

    /// <summary>Queues an event at the current time <paramref name="now"/> with the default priority; <paramref name="key"/> must exceed every key queued at that time and priority.</summary>
    public void PushCurrent(double now, long key, Event ev)
    {
        if (_fifoCount == _fifo.Length) GrowFifo();
        _fifoTime = now;
        _fifo[(_fifoHead + _fifoCount++) & (_fifo.Length - 1)] = new CurrentEntry(key, ev);
    }

    public void Push(double time, long key, Event ev)
    {
        int slot = _freeCount > 0 ? _freeSlots[--_freeCount] : NewSlot();
        _slots[slot].Event = ev;
        if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heapCount * 2);
        ref Entry h = ref MemoryMarshal.GetArrayDataReference(_heap);
        int i = _heapCount++;
        // Sift a hole up instead of swapping: one write per level.
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            ref Entry p = ref Unsafe.Add(ref h, parent);
            if (!Less(time, key, p.Time, p.Key)) break;
            Unsafe.Add(ref h, i) = p;
            i = parent;
        }
        Unsafe.Add(ref h, i) = new Entry(time, key, slot);
    }

    /// <summary>True when nothing is queued at the current time and <paramref name="ev"/> is the heap's earliest entry (the next <see cref="Pop"/>).</summary>
    public bool IsNext(Event ev) => _fifoCount == 0 && _heapCount > 0 && ReferenceEquals(_slots[_heap[0].Slot].Event, ev);

    /// <summary>True when an entry (<paramref name="time"/>, <paramref name="key"/>) would be the next <see cref="Pop"/>: nothing at the current time and nothing earlier in the heap.</summary>
    public bool IsBefore(double time, long key) => _fifoCount == 0 && (_heapCount == 0 || Less(time, key, _heap[0].Time, _heap[0].Key));

    public Event Pop(out double time)
    {
        if (_fifoCount > 0 && (_heapCount == 0 || !Less(_heap[0].Time, _heap[0].Key, _fifoTime, _fifo[_fifoHead].Key)))
        {
            ref CurrentEntry e = ref _fifo[_fifoHead];
            var ev = e.Event;
            e = default;
            _fifoHead = (_fifoHead + 1) & (_fifo.Length - 1);
            _fifoCount--;
            time = _fifoTime;
            return ev;
        }
        return PopHeap(out time);
    }

    private Event PopHeap(out double time)
    {
        var heap = _heap;
        Entry top = heap[0];
        int n = --_heapCount;
        if (n > 0) SiftDownFromRoot(heap, heap[n], n);
        time = top.Time;
        ref Slot holder = ref _slots[top.Slot];
        var ev = holder.Event!;
        holder.Event = null; // let processed events be collected
        _freeSlots[_freeCount++] = top.Slot;
        return ev;
    }

    private static void SiftDownFromRoot(Entry[] heap, Entry last, int n)
    {
        ref Entry h = ref MemoryMarshal.GetArrayDataReference(heap);
        int i = 0;
        while (true)
        {
            int c = (i << 2) + 1;
            if (c >= n) break;
            int best;
            if (c + 3 < n)
            {
                // Full family of four: a small tournament, selects rather than branches.
                int a = Less(ref Unsafe.Add(ref h, c + 1), ref Unsafe.Add(ref h, c)) ? c + 1 : c;
                int b = Less(ref Unsafe.Add(ref h, c + 3), ref Unsafe.Add(ref h, c + 2)) ? c + 3 : c + 2;
                best = Less(ref Unsafe.Add(ref h, b), ref Unsafe.Add(ref h, a)) ? b : a;
            }
            else
            {
                best = c;
                for (int k = c + 1; k < n; k++)
                {
                    if (Less(ref Unsafe.Add(ref h, k), ref Unsafe.Add(ref h, best))) best = k;
                }
            }
            ref Entry bestEntry = ref Unsafe.Add(ref h, best);
            if (!Less(bestEntry.Time, bestEntry.Key, last.Time, last.Key)) break;
            Unsafe.Add(ref h, i) = bestEntry;
            i = best;
        }
        Unsafe.Add(ref h, i) = last;
    }

    private int NewSlot()
    {
        if (_usedSlots == _slots.Length)
        {
            Array.Resize(ref _slots, _usedSlots * 2);
            Array.Resize(ref _freeSlots, _usedSlots * 2);
        }
        return _usedSlots++;
    }

    private void GrowFifo()
    {
        var bigger = new CurrentEntry[_fifo.Length * 2];
        for (int k = 0; k < _fifoCount; k++) bigger[k] = _fifo[(_fifoHead + k) & (_fifo.Length - 1)];
        _fifo = bigger;
        _fifoHead = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(ref Entry x, ref Entry y) => Less(x.Time, x.Key, y.Time, y.Key);

    // Non-short-circuit operators: the outcome is data-dependent, so avoid branches on it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(double t1, long k1, double t2, long k2) => (t1 < t2) | ((t1 == t2) & (k1 < k2));

    private readonly record struct Entry(double Time, long Key, int Slot);

    private readonly record struct CurrentEntry(long Key, Event Event);

    // A struct wrapper: storing into an array of a non-sealed class type costs a covariance check.
    private struct Slot
    {
        public Event? Event;
    }
}
