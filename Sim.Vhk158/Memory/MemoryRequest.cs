namespace Sim.Vhk158.Memory;

/// <summary>
/// One transfer a master asks of a memory system: <paramref name="Bytes"/> from
/// <paramref name="Address"/> on, read or written, in requests of <paramref name="RequestBytes"/>
/// (the AXI transaction size) with the given pattern. The memory system splits it over the
/// channels its address range maps to.
/// </summary>
/// <param name="Master">the port that issues it (a load/store unit of a core, instruction fetch, a benchmark master)</param>
public readonly record struct MemoryRequest(int Master, long Address, long Bytes, bool Write, AccessPattern Pattern, int RequestBytes = 64);
