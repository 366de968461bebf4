namespace Sim.Vhk158.Memory;

/// <summary>
/// A channel with a fixed bandwidth and efficiency and a fixed latency: the artifact's view of
/// HBM (same-channel vs cross-channel efficiency, no latency) and the DDR model's.
/// </summary>
/// <param name="GbPerS">the channel's peak rate (10^9 B/s, i.e. bytes per ns)</param>
public sealed record FlatChannelTiming(double GbPerS, double Efficiency, double CrossEfficiency, double LatencyNs) : IChannelTiming
{
    public RequestCost Request(int bytes, AccessPattern pattern, bool write, bool crossesChannels) =>
        new(bytes / (GbPerS * (crossesChannels ? CrossEfficiency : Efficiency)), LatencyNs);

    public double TurnaroundNs(bool toWrite) => 0;
}
