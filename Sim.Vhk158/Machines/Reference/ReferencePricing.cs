using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// The FlightLLM profiler's analytic model (spec §4.1): bandwidth-bound loads and stores,
/// work/parallelism-bound MM and MV, cycle counts for MISC, one cycle per SYS, all divided by
/// the profiler's correction factor (3.2 in the artifact). Floating-point operations keep the
/// reference's order so that results match to the last bit.
/// </summary>
public sealed class ReferencePricing
{
    private readonly HardwareConfig _c;
    private readonly double _clockMs, _channelBw, _correction;

    public ReferencePricing(HardwareConfig config, double correctionFactor = ReferenceMachineFactory.ArtifactCorrectionFactor)
    {
        _c = config;
        _clockMs = config.ClockTimeMs;
        _channelBw = config.HbmChannelBwBPerSec;
        _correction = correctionFactor;
    }

    /// <summary>The instruction's duration in ms.</summary>
    public double Duration(in Instruction i) => Raw(i) / _correction;

    private double Raw(in Instruction i) => i.Module switch
    {
        Module.LD => Load(i),
        Module.ST => Store(i),
        Module.MM => Matrix(i, _c.MmStartMNum, _c.MmStartNNum, _c.MmParallelTotal),
        Module.MV => Matrix(i, _c.MvStartMNum, _c.MvStartNNum, _c.MvParallelTotal),
        Module.MISC => Misc(i) * _clockMs,
        _ => 1 * _clockMs,
    };

    private double Load(in Instruction i)
    {
        double bytes = i.Length;
        double bw;
        if (i.ZeroFill)
        {
            if (i.BandwidthRatio != 1 || i.Cross) throw new InputException($"zero-fill load must be same-channel with ratio 1: {i}");
            bw = (double)_c.ABufferMmPerChannelWidthB * i.Channels / _clockMs * 1e3;
        }
        else
        {
            double eff = (i.Cross ? _c.HbmBwCrossChannelEfficiency : _c.HbmBwSameChannelEfficiency) * i.BandwidthRatio;
            bw = _channelBw * i.Channels * eff;
        }
        return bytes / bw * 1e3;
    }

    private double Store(in Instruction i)
    {
        double bw = i.Cross
            ? _channelBw * _c.HbmBwCrossChannelEfficiency
            : _channelBw * _c.HbmBwSameChannelEfficiency * i.Channels;
        return i.Length / bw * 1e3;
    }

    private double Matrix(in Instruction i, int startM, int startN, int parallel)
    {
        double work = (long)startM * i.K * _c.FsbBlockSize * startN;
        if (i.Sparse) work *= i.SparseRatio;
        return work / parallel * _clockMs;
    }

    private double Misc(in Instruction i)
    {
        double kf = (double)i.K * _c.FsbBlockSize;
        return i.Op switch
        {
            MiscOp.EltwiseAdd or MiscOp.EltwiseMul => kf / _c.EltwiseParallelK,
            MiscOp.Softmax => kf / _c.SoftmaxParallelK * 2,
            MiscOp.Layernorm or MiscOp.RmsLayernorm => kf / _c.LayernormParallelK * 2,
            _ => kf / _c.SiluParallelK,
        };
    }
}
