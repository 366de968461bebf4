using Sim.Core.Engine;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory.Interconnect;

namespace Sim.Vhk158.Memory;

/// <summary>
/// <c>ddr</c>: DDR channels (instruction streams, lookup tables) with a bandwidth, an efficiency
/// and a latency each, reached directly (the kernel's DDR controllers sit in the PL).
/// </summary>
public sealed class DdrFactory : IMemoryModelFactory
{
    public const string ModelName = "ddr";

    public string Name => ModelName;

    public string Description => "DDR channels: bandwidth, efficiency and latency per channel, master outstanding limit";

    public IReadOnlyList<ComponentOption> Options { get; } =
    [
        new("channels", 2, "DDR channels (U280: 2 x 16 GB DDR4, paper 38 GB/s total)", 1, 64),
        new("channel_gb", 16, "capacity per channel, GiB", 1e-3, 1e6),
        new("channel_gb_per_s", 19.2, "peak per channel (DDR4-2400 x 64 bit = 19.2 GB/s; UG1393: 19.25)", 1e-3, 1e6),
        new("efficiency", 0.8, "share of the peak reached (not published for these boards; a typical DDR4 streaming figure)", 1e-3, 1),
        new("latency_ns", 70, "round-trip read latency (Shuhai: DDR4 below HBM; ~70 ns unverified)", 0, 1e6),
        new("master_outstanding", 16, "requests a master keeps in flight (Vitis HLS m_axi default)", 1, 1 << 16),
        new("master_burst_bytes", 1024, "sequential requests merge into bursts of this size (Vitis HLS: 16 beats x 64 B)", 1, 1 << 20),
    ];

    public IMemorySystem Create(Simulation sim, HardwareConfig config, ComponentOptions options)
    {
        var map = new AddressMap(options.Int("channels"), (long)(options["channel_gb"] * (1L << 30)));
        double eff = options["efficiency"];
        return new ChannelMemory(sim, Name, "ddr", "ddr-channel", map,
            new FlatChannelTiming(options["channel_gb_per_s"], eff, eff, options["latency_ns"]),
            new MasterLimits(options["master_outstanding"], options.Int("master_burst_bytes")), new DirectInterconnect());
    }
}
