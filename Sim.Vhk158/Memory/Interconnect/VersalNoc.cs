namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>
/// The Versal NoC in front of the HBM (VHK158): each master enters through an NMU port of its own
/// (<see cref="PortGbPerS"/>, derated for reads and writes by the request/response overhead of
/// NoC packets), and each pseudo-channel is reached over <see cref="LinksPerChannel"/> NoC links
/// shared by every master that targets it (one link carries about 17.3 GB/s of reads, so a
/// 25.6 GB/s PC needs two).
/// </summary>
public sealed record VersalNoc(double PortGbPerS, double ReadEfficiency, double WriteEfficiency, int LinksPerChannel,
    double LinkReadGbPerS, double LinkWriteGbPerS, double LatencyNs) : IInterconnect
{
    public string Name => VersalNocFactory.ModelName;

    public PathCost Path(int master, int channel, bool write) =>
        new(LatencyNs, PortGbPerS * (write ? WriteEfficiency : ReadEfficiency),
            LinksPerChannel * (write ? LinkWriteGbPerS : LinkReadGbPerS), 0);
}
