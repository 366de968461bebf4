namespace Sim.Vhk158.Memory;

/// <summary>
/// What one request of a transfer costs on its channel, in ns: <paramref name="ServiceNs"/> of the
/// channel's time (data bus, activations, refresh share) and <paramref name="LatencyNs"/> from issue
/// to the last byte back when the channel is idle (the round trip outstanding requests overlap).
/// </summary>
public readonly record struct RequestCost(double ServiceNs, double LatencyNs);
