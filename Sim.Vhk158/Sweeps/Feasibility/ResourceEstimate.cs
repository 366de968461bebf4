using Sim.Vhk158.Config;

namespace Sim.Vhk158.Sweeps.Feasibility;

/// <summary>
/// What a config's parallelism and buffers ask of a device. FlightLLM places one core per SLR and
/// each core's MPE runs either MM or MV mode on the same DSPs [S1 compute-arch], so a core needs
/// DSPs for the larger of the two MAC arrays; the paper's RTL model is DSP = p_M·p_K·p_N·MPU·MPE
/// [S1 software.tex]. On-chip memory is the sum of every buffer's depth × width, per core.
/// </summary>
public sealed record ResourceEstimate(int Cores, int MacsPerCore, long OnChipBytesPerCore, int HbmGB, int HbmChannels)
{
    public static ResourceEstimate Of(HardwareConfig c)
    {
        long a = (long)c.ABufferDepth * c.ABufferMmPerChannelWidthB * c.ABufferHbmChannelNum;
        long global = (long)c.GlobalBufferDepth * c.GlobalBufferMmPerChannelWidthB * c.GlobalBufferHbmChannelNum;
        long b = (long)c.BBufferDepth * c.BBufferMmBankWidthB;
        long meta = (long)c.MetaBufferDepth * c.MetaBufferBankWidthB;
        long fsb = (long)c.FsbBufferDepth * c.FsbBufferBankWidthB;
        long bias = (long)c.BiasBufferDepth * c.BiasBufferBankWidthB;
        return new ResourceEstimate(c.SlrNum, Math.Max(c.MmParallelTotal, c.MvParallelTotal), a + global + b + meta + fsb + bias,
            c.HbmTotalSizeGB, c.HbmChannelNum);
    }

    /// <summary>DSP slices at <paramref name="macsPerDsp"/> INT8 MACs each (the paper packs two).</summary>
    public long Dsp(int macsPerDsp = 2) => (long)Cores * ((MacsPerCore + macsPerDsp - 1) / macsPerDsp);

    public long OnChipBytes => Cores * OnChipBytesPerCore;
}
