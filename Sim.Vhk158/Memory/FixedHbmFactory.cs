using Sim.Core.Engine;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory.Interconnect;

namespace Sim.Vhk158.Memory;

/// <summary>
/// <c>fixed</c>: HBM channels with a fixed bandwidth and efficiency and no latency, as the
/// artifact's profiler prices loads (same-channel vs cross-channel efficiency). Its size and rate
/// come from the flat HBM_* keys unless the options say otherwise.
/// </summary>
public sealed class FixedHbmFactory : IMemoryModelFactory
{
    public const string ModelName = "fixed";

    public string Name => ModelName;

    public string Description => "HBM channels at a fixed bandwidth and efficiency, no latency (the artifact's view)";

    public IReadOnlyList<ComponentOption> Options { get; } =
    [
        new("channel_gb_per_s", 0, "a channel's peak, GB/s (0: HBM_BW_GB_PER_SEC / HBM_CHANNEL_NUM, in 2^30 B as the artifact counts)", 0, 1e6),
        new("efficiency", 0, "share of the peak a transfer within one channel gets (0: HBM_BW_SAME_CHANNEL_EFFICIENCY)", 0, 1),
        new("cross_efficiency", 0, "share of the peak a transfer spanning channels gets (0: HBM_BW_CROSS_CHANNEL_EFFICIENCY)", 0, 1),
    ];

    public IMemorySystem Create(Simulation sim, HardwareConfig config, ComponentOptions options)
    {
        double peak = options["channel_gb_per_s"] is > 0 and var g ? g : config.HbmChannelBwBPerSec / 1e9;
        double eff = options["efficiency"] is > 0 and var e ? e : config.HbmBwSameChannelEfficiency;
        double cross = options["cross_efficiency"] is > 0 and var x ? x : config.HbmBwCrossChannelEfficiency;
        var map = new AddressMap(config.HbmChannelNum, config.HbmChannelSizeB);
        return new ChannelMemory(sim, Name, "hbm", "hbm-pc", map, new FlatChannelTiming(peak, eff, cross, 0), MasterLimits.Unbounded,
            Interconnects.Create(config, map.Channels));
    }
}
