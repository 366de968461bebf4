using Sim.Core.Events;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// One core's SFU lookup tables (softmax's exp and SiLU's sigmoid), kept in DDR and read into a
/// small on-chip table buffer that holds <c>resident</c> tables at once, the least recently used
/// going first. A softmax or SiLU instruction whose table is not on chip reads it from DDR before
/// it computes, contending there with instruction fetch.
/// </summary>
/// <param name="counters">counts the DDR bytes its reads move, or null</param>
internal sealed class LookupTables(MemoryRegion region, int tableBytes, int resident, ActivityCounters? counters = null)
{
    /// <summary>Tables in DDR, one per operation that looks one up.</summary>
    public const int Count = 2;

    private readonly List<MiscOp> _held = new(Count);

    /// <summary>The table reads it made (for tests and diagnostics).</summary>
    public int Reads { get; private set; }

    /// <summary>
    /// The read that <paramref name="i"/> needs before it runs: none (null, delay 0) when it looks
    /// nothing up or its table is on chip; else null with <paramref name="delayMs"/> when the read
    /// was booked at once, or an event to wait for.
    /// </summary>
    public Event? Load(in Instruction i, out double delayMs)
    {
        delayMs = 0;
        int table = i.Op switch { MiscOp.Softmax => 0, MiscOp.Silu => 1, _ => -1 };
        if (table < 0) return null;
        int at = _held.IndexOf(i.Op);
        if (at >= 0)
        {
            _held.RemoveAt(at);
            _held.Add(i.Op);
            return null;
        }
        if (resident > 0)
        {
            if (_held.Count == resident) _held.RemoveAt(0);
            _held.Add(i.Op);
        }
        Reads++;
        counters?.Add(ActivityCounters.Counter.DdrReadBytes, tableBytes);
        return region.Read((long)table * tableBytes, tableBytes, out delayMs);
    }
}
