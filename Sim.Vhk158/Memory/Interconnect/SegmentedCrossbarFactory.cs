using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory.Interconnect;

/// <summary><c>crossbar</c>: the U280's segmented HBM crossbar (<see cref="SegmentedCrossbar"/>).</summary>
public sealed class SegmentedCrossbarFactory : IInterconnectFactory
{
    public const string ModelName = "crossbar";

    public string Name => ModelName;

    public string Description => "UltraScale+ HBM segmented crossbar (U280): mini-switches of 4 ports, lateral paths at half rate, a dead cycle per write master switch";

    public IReadOnlyList<ComponentOption> Options { get; } =
    [
        new("ports", 32, "AXI ports (UG1393: 32 on the U280, 16 per stack)", 1, 1024),
        new("ports_per_switch", 4, "ports (and PCs) per mini-switch (UG1393/PG276: 4x4 mini-switches, 4 per stack)", 1, 1024),
        new("axi_clock_mhz", 450, "HBM AXI port clock (PG276: up to 450 MHz)", 1, 10000),
        new("port_bytes", 32, "AXI port width in bytes (PG276: 256-bit AXI3)", 1, 1024),
        new("lateral_efficiency", 0.5, "share of a port's rate on a lateral path (PG276: capped at 50 %)", 1e-3, 1),
        new("hop_latency_ns", 0, "added round-trip latency per mini-switch crossed (not published; 0 unless measured)", 0, 1e6),
        new("dead_cycles_write_switch", 1, "AXI cycles lost when a write follows another master's (PG276)", 0, 1000),
    ];

    public IInterconnect Create(ComponentOptions options, int channels)
    {
        double clockGhz = options["axi_clock_mhz"] / 1000;
        return new SegmentedCrossbar(options.Int("ports"), options.Int("ports_per_switch"), options["port_bytes"] * clockGhz,
            options["lateral_efficiency"], options["hop_latency_ns"], options["dead_cycles_write_switch"] / clockGhz);
    }
}
