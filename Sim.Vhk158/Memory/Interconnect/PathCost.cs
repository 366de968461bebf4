namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>
/// What the path from a master to a channel adds: <paramref name="LatencyNs"/> on every round
/// trip, a cap on the master's own throughput over it (<paramref name="MasterGbPerS"/>: its port,
/// halved on a lateral crossbar path), a cap on the channel's intake (<paramref name="ChannelIngressGbPerS"/>:
/// the NoC links into it, shared by every master) and the channel time a write loses when it
/// follows another master's write (<paramref name="WriteSwitchNs"/>). Rates in GB/s (10^9 B/s).
/// </summary>
public readonly record struct PathCost(double LatencyNs, double MasterGbPerS, double ChannelIngressGbPerS, double WriteSwitchNs)
{
    public static readonly PathCost Free = new(0, double.PositiveInfinity, double.PositiveInfinity, 0);
}
