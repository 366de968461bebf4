namespace Sim.Vhk158.Memory;

/// <summary>
/// What one request of a transfer costs on its channel, in ns: <paramref name="ServiceNs"/> of the
/// channel's time (data bus, activations, refresh share) and <paramref name="LatencyNs"/> from issue
/// to its first data when the channel is idle (the round trip outstanding requests overlap); its
/// last byte is back <paramref name="ServiceNs"/> later.
/// </summary>
public readonly record struct RequestCost(double ServiceNs, double LatencyNs);
