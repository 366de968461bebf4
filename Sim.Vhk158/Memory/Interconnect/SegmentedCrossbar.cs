namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>
/// The UltraScale+ HBM switch (U280): per stack 16 AXI ports over a 16×16 crossbar built of
/// mini-switches of <see cref="PortsPerSwitch"/> ports and channels each (port i sits over PC i).
/// A path that leaves its mini-switch goes laterally: capped at <see cref="LateralEfficiency"/>
/// of the port's rate (PG276, "Lateral AXI Switch Access Throughput Loss") and
/// <see cref="HopLatencyNs"/> longer per switch crossed. A write that follows another master's
/// write on a channel costs a dead cycle of the AXI clock.
/// </summary>
public sealed record SegmentedCrossbar(int Ports, int PortsPerSwitch, double PortGbPerS, double LateralEfficiency, double HopLatencyNs, double DeadCycleNs)
    : IInterconnect
{
    public string Name => SegmentedCrossbarFactory.ModelName;

    public PathCost Path(int master, int channel, bool write)
    {
        int port = master % Ports;
        int hops = Math.Abs(port / PortsPerSwitch - channel / PortsPerSwitch);
        double rate = hops == 0 ? PortGbPerS : PortGbPerS * LateralEfficiency;
        return new PathCost(hops * HopLatencyNs, rate, double.PositiveInfinity, DeadCycleNs);
    }
}
