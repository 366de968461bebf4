using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// One module's bounded instruction queue on one core. Its fetcher waits until the queue has room
/// for a whole batch and then adds the batch at once, so a batch costs one event on each side
/// (not one per instruction, as a store of single items would); its module takes one instruction
/// at a time and waits only when the queue has run dry.
/// </summary>
internal sealed class InstructionQueue(Simulation sim, int capacity)
{
    private readonly Queue<QueuedInstruction> _items = new();
    private Event? _filled, _room;
    private int _roomWanted;

    /// <summary>Instructions it holds at most (int.MaxValue: unbounded).</summary>
    public int Capacity => capacity;

    /// <summary>Takes the next instruction; false when the queue is empty (wait for <see cref="WhenFilled"/>).</summary>
    public bool TryTake(out QueuedInstruction item)
    {
        if (!_items.TryDequeue(out item)) return false;
        if (_room is { } room && capacity - _items.Count >= _roomWanted)
        {
            _room = null;
            room.Succeed();
        }
        return true;
    }

    /// <summary>An event that fires when instructions are added (the module's one waiter).</summary>
    public Event WhenFilled() => _filled ??= sim.Event();

    /// <summary>Null when <paramref name="count"/> instructions fit now, else an event that fires once they do (the fetcher's one waiter).</summary>
    public Event? WaitForRoom(int count)
    {
        if (count > capacity) throw new ArgumentOutOfRangeException(nameof(count), count, $"a queue of {capacity} never has room for it");
        if (capacity - _items.Count >= count) return null;
        _roomWanted = count;
        return _room = sim.Event();
    }

    /// <summary>Adds an instruction the fetcher has made room for.</summary>
    public void Add(in QueuedInstruction item)
    {
        if (_items.Count >= capacity) throw new InvalidOperationException("the queue is full; wait for room first");
        _items.Enqueue(item);
        if (_filled is { } filled)
        {
            _filled = null;
            filled.Succeed();
        }
    }
}
