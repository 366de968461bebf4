using Sim.Core.Events;
using Sim.Vhk158.Memory;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// A stretch of a memory system that one master reads (a module's instruction stream, the SFU's
/// lookup tables). A read that the memory can price at issue (within one channel) is booked at
/// once and waited for with the caller's own delay, so it costs one event.
/// </summary>
internal sealed class MemoryRegion(IMemorySystem memory, int master, long start, long length)
{
    public long Length => length;

    /// <summary>Reads <paramref name="bytes"/> sequentially from <paramref name="offset"/> on: null with <paramref name="delayMs"/> set when booked at once, else an event to wait for.</summary>
    public Event? Read(long offset, long bytes, out double delayMs)
    {
        if (offset < 0 || offset + bytes > length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"a read of {bytes} B does not fit the region's {length} B");
        var request = new MemoryRequest(master, start + offset, bytes, Write: false, AccessPattern.Sequential);
        return memory.TryBook(request, out delayMs) ? null : memory.Transfer(request);
    }
}
