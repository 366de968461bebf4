namespace Sim.Vhk158.Memory;

/// <summary>
/// A transfer within one channel, priced and not yet booked (<see cref="IMemorySystem.Quote"/>):
/// the channel time it occupies, its own time (the master's pipeline or port bound, whichever is
/// longer), its request count and whether a write switch between masters costs dead cycles there.
/// Times in ns.
/// </summary>
public readonly record struct TransferQuote(MemoryRequest Request, int Channel, double OccupancyNs, double OwnNs, double Requests, bool WriteSwitch);
