namespace Sim.Vhk158.Memory;

/// <summary>
/// How a channel prices one request (fixed efficiency, HBM2 device timings, DDR): the part of a
/// memory system that knows the device. The channel server, interconnect and master limits are
/// applied around it by <see cref="ChannelMemory"/>.
/// </summary>
public interface IChannelTiming
{
    /// <summary>A request of <paramref name="bytes"/> (already merged into bursts by the master) with this pattern.</summary>
    /// <param name="crossesChannels">the transfer it belongs to spans several channels</param>
    RequestCost Request(int bytes, AccessPattern pattern, bool write, bool crossesChannels);

    /// <summary>Channel time lost when it turns from reads to writes (<paramref name="toWrite"/>) or back, in ns.</summary>
    double TurnaroundNs(bool toWrite);
}
