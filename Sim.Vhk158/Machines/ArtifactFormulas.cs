using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines;

/// <summary>
/// The FlightLLM profiler's formulas (spec §4.1), before its correction factor: bandwidth-bound
/// loads and stores at fixed same- or cross-channel efficiencies, work over parallelism for MM and
/// MV, element counts over the SFU's parallelism for MISC. Both machines price with these (the
/// detailed one with its own MACs per cycle and SFU throughput); floating-point operations keep
/// the reference's order so that results match to the last bit.
/// </summary>
public sealed class ArtifactFormulas(HardwareConfig config)
{
    private readonly double _clockMs = config.ClockTimeMs;
    private readonly double _channelBw = config.HbmChannelBwBPerSec;

    public double ClockMs => _clockMs;

    /// <summary>An LD (ms): its bytes over the channels' bandwidth times the efficiency, or the on-chip zero-fill rate.</summary>
    public double Load(in Instruction i)
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

    /// <summary>An ST (ms): a cross-channel store gets one channel at the cross efficiency.</summary>
    public double Store(in Instruction i)
    {
        double bw = i.Cross
            ? _channelBw * config.HbmBwCrossChannelEfficiency
            : _channelBw * config.HbmBwSameChannelEfficiency * i.Channels;
        return i.Length / bw * 1e3;
    }

    /// <summary>An MM or MV (ms) on an engine of <paramref name="macsPerCycle"/>.</summary>
    public double Matrix(in Instruction i, double macsPerCycle)
    {
        var (startM, startN) = i.Module == Module.MM ? (config.MmStartMNum, config.MmStartNNum) : (config.MvStartMNum, config.MvStartNNum);
        double work = (long)startM * i.K * config.FsbBlockSize * startN;
        if (i.Sparse) work *= i.SparseRatio;
        return work / macsPerCycle * _clockMs;
    }

    /// <summary>A MISC in SFU cycles: two passes for softmax and (RMS)LayerNorm.</summary>
    public double MiscCycles(in Instruction i)
    {
        double kf = (double)i.K * config.FsbBlockSize;
        return i.Op switch
        {
            MiscOp.EltwiseAdd or MiscOp.EltwiseMul => kf / config.EltwiseParallelK,
            MiscOp.Softmax => kf / config.SoftmaxParallelK * 2,
            MiscOp.Layernorm or MiscOp.RmsLayernorm => kf / config.LayernormParallelK * 2,
            _ => kf / config.SiluParallelK,
        };
    }
}
