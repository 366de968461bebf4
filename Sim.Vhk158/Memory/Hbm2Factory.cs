using Sim.Core.Engine;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory.Interconnect;

namespace Sim.Vhk158.Memory;

/// <summary>
/// <c>hbm2</c>: HBM2/HBM2e pseudo-channels priced from device timings (<see cref="Hbm2ChannelTiming"/>)
/// behind the INTERCONNECT section's interconnect; channel count and size come from
/// HBM_CHANNEL_NUM and HBM_CHANNEL_SIZE_MB. Two options are not in any datasheet and are fitted
/// (configs/u280.yaml says to what): the controller-and-path latency and the master's outstanding reads.
/// </summary>
public sealed class Hbm2Factory : IMemoryModelFactory
{
    public const string ModelName = "hbm2";

    public string Name => ModelName;

    public string Description => "HBM2 pseudo-channels from device timings: row-buffer locality, activation limits, refresh, turnaround, latency × outstanding";

    public IReadOnlyList<ComponentOption> Options { get; } =
    [
        .. Hbm2Timings.Options,
        new("controller_latency_ns", 108, "fixed round-trip latency of controller, PHY and AXI path beyond the DRAM's (fitted to the Vitis HBM tutorial)", 0, 1e6),
        new("master_outstanding", 11, "requests a master keeps in flight (fitted; Vitis HLS m_axi allows 16 by default)", 1, 1 << 16),
        new("master_burst_bytes", 1024, "a master merges sequential requests into bursts of this size (Vitis HLS: 16 beats of a 512-bit port)", 1, 1 << 20),
    ];

    public IMemorySystem Create(Simulation sim, HardwareConfig config, ComponentOptions options)
    {
        var timings = Hbm2Timings.From(options);
        var map = new AddressMap(config.HbmChannelNum, config.HbmChannelSizeB);
        return new ChannelMemory(sim, Name, "hbm", "hbm-pc", map, new Hbm2ChannelTiming(timings, options["controller_latency_ns"]),
            new MasterLimits(options["master_outstanding"], options.Int("master_burst_bytes")), Interconnects.Create(config, map.Channels));
    }
}
