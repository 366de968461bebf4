using Sim.Core.Errors;
using Sim.Core.Events;
using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Loads and stores priced as the artifact does (spec §4.1): bytes over the channels' bandwidth
/// times a fixed same- or cross-channel efficiency, no latency, no contention. This is the
/// degenerate memory of the detailed machine, used when the config has no MEMORY section.
/// </summary>
internal sealed class AnalyticMemoryPort(HardwareConfig config, double correction) : IMemoryPort
{
    private readonly double _clockMs = config.ClockTimeMs;
    private readonly double _channelBw = config.HbmChannelBwBPerSec;

    public bool IsAnalytic => true;

    public Event Start(in Instruction i, int core, double share) =>
        throw new InvalidOperationException("an analytic port prices transfers; it does not start them");

    public double Price(in Instruction i, double share) => (i.Module == Module.LD ? Load(i) : Store(i)) * share / correction;

    private double Load(in Instruction i)
    {
        double bytes = i.Length;
        double bw;
        if (i.ZeroFill)
        {
            if (i.BandwidthRatio != 1 || i.Cross) throw new InputException($"zero-fill load must be same-channel with ratio 1: {i}");
            bw = (double)config.ABufferMmPerChannelWidthB * i.Channels / _clockMs * 1e3;
        }
        else
        {
            double eff = (i.Cross ? config.HbmBwCrossChannelEfficiency : config.HbmBwSameChannelEfficiency) * i.BandwidthRatio;
            bw = _channelBw * i.Channels * eff;
        }
        return bytes / bw * 1e3;
    }

    private double Store(in Instruction i)
    {
        double bw = i.Cross
            ? _channelBw * config.HbmBwCrossChannelEfficiency
            : _channelBw * config.HbmBwSameChannelEfficiency * i.Channels;
        return i.Length / bw * 1e3;
    }
}
