using Sim.Core.Events;

namespace Sim.Core.Engine;

/// <summary>
/// The future-event list: a 4-ary min-heap of struct entries ordered by (time, key), where the
/// key packs the priority above an insertion sequence number so one comparison of two longs
/// settles ties. Entries are structs in one array, so scheduling allocates nothing once the
/// array has grown to the model's working size.
/// </summary>
internal sealed class EventQueue
{
    private Entry[] _heap = new Entry[64];
    private int _count;

    public int Count => _count;

    /// <summary>The time of the earliest entry; only valid when <see cref="Count"/> &gt; 0.</summary>
    public double PeekTime => _heap[0].Time;

    public void Push(double time, long key, Event ev)
    {
        if (_count == _heap.Length) Array.Resize(ref _heap, _count * 2);
        var heap = _heap;
        int i = _count++;
        // Sift a hole up instead of swapping: one write per level.
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            ref Entry p = ref heap[parent];
            if (!Less(time, key, p.Time, p.Key)) break;
            heap[i] = p;
            i = parent;
        }
        heap[i] = new Entry(time, key, ev);
    }

    public Event Pop(out double time)
    {
        var heap = _heap;
        Entry top = heap[0];
        int n = --_count;
        Entry last = heap[n];
        heap[n] = default; // drop the reference so processed events can be collected
        if (n > 0)
        {
            int i = 0;
            while (true)
            {
                int first = (i << 2) + 1;
                if (first >= n) break;
                int end = Math.Min(first + 4, n);
                int best = first;
                for (int c = first + 1; c < end; c++)
                {
                    if (Less(heap[c].Time, heap[c].Key, heap[best].Time, heap[best].Key)) best = c;
                }
                if (!Less(heap[best].Time, heap[best].Key, last.Time, last.Key)) break;
                heap[i] = heap[best];
                i = best;
            }
            heap[i] = last;
        }
        time = top.Time;
        return top.Event;
    }

    private static bool Less(double t1, long k1, double t2, long k2) => t1 < t2 || (t1 == t2 && k1 < k2);

    private readonly record struct Entry(double Time, long Key, Event Event);
}
