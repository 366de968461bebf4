using System.Collections.Immutable;
using YamlDotNet.Serialization;

namespace Sim.Vhk158.Config;

/// <summary>
/// The VHK158 hardware configuration. Every property maps to the key of the FlightLLM artifact's
/// <c>config.yaml</c> with the same name, so existing files load unchanged. Load it through
/// <see cref="HardwareConfigLoader"/>, which also validates it; derived constants are in the
/// second half of this file (spec §3.3).
/// </summary>
public sealed class HardwareConfig
{
    [YamlMember(Alias = "OUTPUT_DIR", ApplyNamingConventions = false)]
    public string OutputDir { get; set; } = "./.compiler_output";

    [YamlMember(Alias = "DEBUG", ApplyNamingConventions = false)]
    public bool Debug { get; set; }

    [YamlMember(Alias = "MAX_LEN", ApplyNamingConventions = false)]
    public int MaxLen { get; set; }

    [YamlMember(Alias = "FSB_BLOCK_SIZE", ApplyNamingConventions = false)]
    public int FsbBlockSize { get; set; }

    [YamlMember(Alias = "MASK_LAYOUT_BLOCK_SIZE", ApplyNamingConventions = false)]
    public int MaskLayoutBlockSize { get; set; }

    [YamlMember(Alias = "CLOCK_FREQ_MHZ", ApplyNamingConventions = false)]
    public double ClockFreqMhz { get; set; }

    [YamlMember(Alias = "SLR_NUM", ApplyNamingConventions = false)]
    public int SlrNum { get; set; }

    [YamlMember(Alias = "MM_PARALLEL_N", ApplyNamingConventions = false)]
    public int MmParallelN { get; set; }

    [YamlMember(Alias = "MM_PARALLEL_K", ApplyNamingConventions = false)]
    public int MmParallelK { get; set; }

    [YamlMember(Alias = "MM_PARALLEL_M", ApplyNamingConventions = false)]
    public int MmParallelM { get; set; }

    [YamlMember(Alias = "MV_PARALLEL_N", ApplyNamingConventions = false)]
    public int MvParallelN { get; set; }

    [YamlMember(Alias = "MV_PARALLEL_K", ApplyNamingConventions = false)]
    public int MvParallelK { get; set; }

    [YamlMember(Alias = "MV_PARALLEL_M", ApplyNamingConventions = false)]
    public int MvParallelM { get; set; }

    [YamlMember(Alias = "MM_START_N_NUM", ApplyNamingConventions = false)]
    public int MmStartNNum { get; set; }

    [YamlMember(Alias = "MM_START_M_NUM", ApplyNamingConventions = false)]
    public int MmStartMNum { get; set; }

    [YamlMember(Alias = "MV_START_N_NUM", ApplyNamingConventions = false)]
    public int MvStartNNum { get; set; }

    [YamlMember(Alias = "MV_START_M_NUM", ApplyNamingConventions = false)]
    public int MvStartMNum { get; set; }

    [YamlMember(Alias = "SOFTMAX_PARALLEL_K", ApplyNamingConventions = false)]
    public int SoftmaxParallelK { get; set; }

    [YamlMember(Alias = "LAYERNORM_PARALLEL_K", ApplyNamingConventions = false)]
    public int LayernormParallelK { get; set; }

    [YamlMember(Alias = "ELTWISE_PARALLEL_K", ApplyNamingConventions = false)]
    public int EltwiseParallelK { get; set; }

    [YamlMember(Alias = "SILU_PARALLEL_K", ApplyNamingConventions = false)]
    public int SiluParallelK { get; set; }

    [YamlMember(Alias = "A_BUFFER_DEPTH", ApplyNamingConventions = false)]
    public int ABufferDepth { get; set; }

    [YamlMember(Alias = "A_BUFFER_PER_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int ABufferPerBankWidthB { get; set; }

    [YamlMember(Alias = "A_BUFFER_MM_PER_CHANNEL_BANK_NUM", ApplyNamingConventions = false)]
    public int ABufferMmPerChannelBankNum { get; set; }

    [YamlMember(Alias = "A_BUFFER_MV_PER_CHANNEL_BANK_NUM", ApplyNamingConventions = false)]
    public int ABufferMvPerChannelBankNum { get; set; }

    [YamlMember(Alias = "A_BUFFER_MM_PER_CHANNEL_WIDTH_B", ApplyNamingConventions = false)]
    public int ABufferMmPerChannelWidthB { get; set; }

    [YamlMember(Alias = "A_BUFFER_MV_PER_CHANNEL_WIDTH_B", ApplyNamingConventions = false)]
    public int ABufferMvPerChannelWidthB { get; set; }

    [YamlMember(Alias = "A_BUFFER_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int ABufferHbmChannelNum { get; set; }

    [YamlMember(Alias = "A_BUFFER_HBM_CHANNEL_START_ID", ApplyNamingConventions = false)]
    public int ABufferHbmChannelStartId { get; set; }

    [YamlMember(Alias = "B_BUFFER_DEPTH", ApplyNamingConventions = false)]
    public int BBufferDepth { get; set; }

    [YamlMember(Alias = "B_BUFFER_MM_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int BBufferMmBankWidthB { get; set; }

    [YamlMember(Alias = "B_BUFFER_MV_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int BBufferMvBankWidthB { get; set; }

    [YamlMember(Alias = "B_BUFFER_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int BBufferHbmChannelNum { get; set; }

    [YamlMember(Alias = "B_BUFFER_HBM_CHANNEL_ID", ApplyNamingConventions = false)]
    public int BBufferHbmChannelId { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_DEPTH", ApplyNamingConventions = false)]
    public int GlobalBufferDepth { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_PER_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int GlobalBufferPerBankWidthB { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM", ApplyNamingConventions = false)]
    public int GlobalBufferMmPerChannelBankNum { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B", ApplyNamingConventions = false)]
    public int GlobalBufferMmPerChannelWidthB { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_MV_PER_CHANNEL_BANK_NUM", ApplyNamingConventions = false)]
    public int GlobalBufferMvPerChannelBankNum { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B", ApplyNamingConventions = false)]
    public int GlobalBufferMvPerChannelWidthB { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_MISC_PER_CHANNEL_BANK_NUM", ApplyNamingConventions = false)]
    public int GlobalBufferMiscPerChannelBankNum { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_MISC_PER_CHANNEL_WIDTH_B", ApplyNamingConventions = false)]
    public int GlobalBufferMiscPerChannelWidthB { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int GlobalBufferHbmChannelNum { get; set; }

    [YamlMember(Alias = "GLOBAL_BUFFER_HBM_CHANNEL_START_ID", ApplyNamingConventions = false)]
    public int GlobalBufferHbmChannelStartId { get; set; }

    [YamlMember(Alias = "META_BUFFER_DEPTH", ApplyNamingConventions = false)]
    public int MetaBufferDepth { get; set; }

    [YamlMember(Alias = "META_BUFFER_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int MetaBufferBankWidthB { get; set; }

    [YamlMember(Alias = "META_BUFFER_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int MetaBufferHbmChannelNum { get; set; }

    [YamlMember(Alias = "META_BUFFER_HBM_CHANNEL_ID", ApplyNamingConventions = false)]
    public int MetaBufferHbmChannelId { get; set; }

    [YamlMember(Alias = "FSB_BUFFER_DEPTH", ApplyNamingConventions = false)]
    public int FsbBufferDepth { get; set; }

    [YamlMember(Alias = "FSB_BUFFER_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int FsbBufferBankWidthB { get; set; }

    [YamlMember(Alias = "FSB_BUFFER_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int FsbBufferHbmChannelNum { get; set; }

    [YamlMember(Alias = "FSB_BUFFER_HBM_CHANNEL_ID", ApplyNamingConventions = false)]
    public int FsbBufferHbmChannelId { get; set; }

    [YamlMember(Alias = "BIAS_BUFFER_DEPTH", ApplyNamingConventions = false)]
    public int BiasBufferDepth { get; set; }

    [YamlMember(Alias = "BIAS_BUFFER_BANK_WIDTH_B", ApplyNamingConventions = false)]
    public int BiasBufferBankWidthB { get; set; }

    [YamlMember(Alias = "BIAS_BUFFER_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int BiasBufferHbmChannelNum { get; set; }

    [YamlMember(Alias = "BIAS_BUFFER_HBM_CHANNEL_ID", ApplyNamingConventions = false)]
    public int BiasBufferHbmChannelId { get; set; }

    [YamlMember(Alias = "INST_HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int InstHbmChannelNum { get; set; }

    [YamlMember(Alias = "INST_HBM_CHANNEL_ID", ApplyNamingConventions = false)]
    public int InstHbmChannelId { get; set; }

    [YamlMember(Alias = "HBM_CHANNEL_SIZE_MB", ApplyNamingConventions = false)]
    public int HbmChannelSizeMB { get; set; }

    [YamlMember(Alias = "HBM_TOTAL_SIZE_GB", ApplyNamingConventions = false)]
    public int HbmTotalSizeGB { get; set; }

    [YamlMember(Alias = "HBM_CHANNEL_NUM", ApplyNamingConventions = false)]
    public int HbmChannelNum { get; set; }

    [YamlMember(Alias = "HBM_BW_GB_PER_SEC", ApplyNamingConventions = false)]
    public double HbmBwGBPerSec { get; set; }

    [YamlMember(Alias = "HBM_BW_SAME_CHANNEL_EFFICIENCY", ApplyNamingConventions = false)]
    public double HbmBwSameChannelEfficiency { get; set; }

    [YamlMember(Alias = "HBM_BW_CROSS_CHANNEL_EFFICIENCY", ApplyNamingConventions = false)]
    public double HbmBwCrossChannelEfficiency { get; set; }

    /// <summary>Which timing model prices instructions (not a reference key; default "reference").</summary>
    [YamlMember(Alias = "TIMING_MODEL", ApplyNamingConventions = false), OptionalKey]
    public string TimingModel { get; set; } = DefaultMachine;

    /// <summary>The machine model of a config that names none.</summary>
    public const string DefaultMachine = "reference";

    /// <summary>The component sections (not reference keys): MACHINE, MEMORY, DDR, INTERCONNECT, by key; absent ones are missing.</summary>
    public ImmutableSortedDictionary<string, ComponentSection> Components { get; set; } = ImmutableSortedDictionary<string, ComponentSection>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>A component section, or null when the config has none.</summary>
    public ComponentSection? Component(string key) => Components.GetValueOrDefault(key);

    /// <summary>The <c>MACHINE</c> section: the machine model and its options; null when absent.</summary>
    public ComponentSection? Machine => Component(ComponentSection.Machine);

    /// <summary>The machine model that runs programs: <c>MACHINE.impl</c>, else TIMING_MODEL.</summary>
    public string MachineName => Machine is { Impl.Length: > 0 } m ? m.Impl : TimingModel;

    // ---- Derived constants (spec §3.3). Float operations keep the reference's order. ----

    public int FsbBlockNumPerMaskLayoutBlock => MaskLayoutBlockSize / FsbBlockSize;
    public double ClockTimeMs => (1.0 / ClockFreqMhz) * 0.001;
    public int MmParallelTotal => MmParallelN * MmParallelK * MmParallelM;
    public int MvParallelTotal => MvParallelN * MvParallelK * MvParallelM;
    public double HbmChannelBwBPerSec => HbmBwGBPerSec * 1024 * 1024 * 1024 / HbmChannelNum;
    public long HbmChannelSizeB => (long)HbmChannelSizeMB * 1024 * 1024;
    public long HbmTotalSizeB => (long)HbmTotalSizeGB * 1024 * 1024 * 1024;

    /// <summary>A shallow copy, for what-if studies that change one key.</summary>
    public HardwareConfig Clone() => (HardwareConfig)MemberwiseClone();
}
