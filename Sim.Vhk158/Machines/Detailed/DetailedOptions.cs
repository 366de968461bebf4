using Sim.Core.Errors;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// The detailed machine's own options (<c>MACHINE.detailed.*</c>). Defaults describe one core
/// whose datapath is the one the flat keys give (MM_/MV_PARALLEL_*, the SFU's *_PARALLEL_K), with
/// no correction factor, instructions resident on chip (no fetch), unbounded instruction queues
/// and no lookup tables in DDR.
/// </summary>
public sealed record DetailedOptions(
    int Cores,
    double MmMacsPerCycle,
    double MvMacsPerCycle,
    double ModeSwitchCycles,
    double SfuScale,
    int QueueDepth,
    InstructionMemoryKind InstructionMemory,
    int FetchBatch,
    int InstructionPc,
    int ChannelStride,
    int MemoryRequestBytes,
    int LutBytes,
    int LutResident,
    double CorrectionFactor)
{
    public const string CoresOption = "cores";
    public const string MmMacsOption = "mpe_mm_macs_per_cycle";
    public const string MvMacsOption = "mpe_mv_macs_per_cycle";
    public const string ModeSwitchOption = "mpe_mode_switch_cycles";
    public const string SfuScaleOption = "sfu_throughput_scale";
    public const string QueueDepthOption = "instruction_queue_depth";
    public const string InstructionMemoryOption = "instruction_memory";
    public const string FetchOption = "fetch_from_ddr";
    public const string FetchBatchOption = "fetch_batch";
    public const string InstructionPcOption = "instruction_pc";
    public const string ChannelStrideOption = "channel_stride";
    public const string RequestBytesOption = "memory_request_bytes";
    public const string LutBytesOption = "lut_bytes";
    public const string LutResidentOption = "lut_resident";
    public const string CorrectionOption = "correction_factor";

    /// <summary>What each option means and its default; 0 for the MAC counts means "from the flat keys".</summary>
    public static IReadOnlyList<ComponentOption> Declared { get; } =
    [
        new(CoresOption, 1, "cores, each with its own module queues, MPE and SFU; layers are split across them (model parallelism)", Min: 1, Max: 64),
        new(MmMacsOption, 0, "MACs per cycle per core in MM mode (0: MM_PARALLEL_M*K*N of the flat keys)", Min: 0, Max: 1e9),
        new(MvMacsOption, 0, "MACs per cycle per core in MV mode (0: MV_PARALLEL_M*K*N of the flat keys)", Min: 0, Max: 1e9),
        new(ModeSwitchOption, 0, "cycles the MPE loses when it switches between MM and MV", Min: 0, Max: 1e6),
        new(SfuScaleOption, 1, "SFU throughput relative to the flat keys' *_PARALLEL_K (2: twice the elements per cycle)", Min: 1e-6, Max: 1e6),
        new(QueueDepthOption, 0, "instructions each module queue holds (0: unbounded)", Min: 0, Max: 1e9),
        ComponentOption.Choice(InstructionMemoryOption, "resident",
            "where instruction streams live: resident (on chip, no fetch), ddr (the DDR section's memory) or hbm (an HBM pseudo-channel, instruction_pc, as the artifact's VHK158 model places them: INST_HBM_CHANNEL_ID); fetched streams go into the bounded queues and a module stalls when its queue runs dry",
            "resident", "ddr", "hbm"),
        new(FetchOption, 0, "1: the same as instruction_memory: ddr (kept for configs written before instruction_memory)", Min: 0, Max: 1),
        new(FetchBatchOption, 64, "instructions fetched per memory read (a fetch waits until its queues have room for the whole batch)", Min: 1, Max: 1e6),
        new(InstructionPcOption, -1, "with instruction_memory: hbm, the pseudo-channel that holds the streams (-1: INST_HBM_CHANNEL_ID, the artifact's PC number)", Min: -1, Max: 1 << 16),
        new(ChannelStrideOption, 0, "logical HBM channel i of core k is PC i*stride+k (0: the core count; the U280 demo uses 4 with 3 cores)", Min: 0, Max: 1024),
        new(RequestBytesOption, 1024, "bytes per memory request of the load/store units (Vitis HLS m_axi: 16 beats x 64 B)", Min: 1, Max: 1 << 24),
        new(LutBytesOption, 0, "bytes of one SFU lookup table (softmax's exp, SiLU's sigmoid) read from DDR when it is not resident (0: no tables, the SFU computes them)", Min: 0, Max: 1 << 24),
        new(LutResidentOption, 2, "lookup tables each core's SFU holds on chip at once (least recently used goes); 0: every softmax/SiLU instruction reads its table", Min: 0, Max: 64),
        new(CorrectionOption, 1, "every duration is divided by this; 1 = none (the reference machine's 3.2 hides what this machine models)", Min: 1e-6, Max: 1e6),
        .. WeightFormat.Declared,
        .. OnChipDecode.Declared,
        .. LoadStoreIssue.Declared,
    ];

    /// <summary>Whether instructions are fetched from a memory (DDR or HBM) rather than being on chip.</summary>
    public bool Fetches => InstructionMemory != InstructionMemoryKind.Resident;

    /// <summary>Whether the SFU reads lookup tables from DDR.</summary>
    public bool ReadsLookupTables => LutBytes > 0;

    /// <summary>How compressed weights are stored (what a weight load moves).</summary>
    public WeightFormat Weights { get; init; } = new(0, 0, 128, 0);

    /// <summary>Whether decode activations stay on chip across layers.</summary>
    public OnChipDecode OnChip { get; init; } = new(false, 64);

    /// <summary>How the load and store units issue transfers to a contended memory.</summary>
    public LoadStoreIssue Issue { get; init; } = new(1, 0);

    public static DetailedOptions From(ComponentOptions o)
    {
        var memory = (InstructionMemoryKind)o.Int(InstructionMemoryOption);
        if (o[FetchOption] >= 0.5)
        {
            if (memory == InstructionMemoryKind.Hbm)
                throw new InputException($"{ComponentSection.Machine}.{DetailedMachineFactory.ModelName}.{FetchOption}: 1 (DDR) contradicts {InstructionMemoryOption}: hbm; give only {InstructionMemoryOption}");
            memory = InstructionMemoryKind.Ddr;
        }
        return new(o.Int(CoresOption), o[MmMacsOption], o[MvMacsOption], o[ModeSwitchOption], o[SfuScaleOption],
            o.Int(QueueDepthOption), memory, o.Int(FetchBatchOption), o.Int(InstructionPcOption), o.Int(ChannelStrideOption),
            o.Int(RequestBytesOption), o.Int(LutBytesOption), o.Int(LutResidentOption), o[CorrectionOption])
        {
            Weights = WeightFormat.From(o),
            OnChip = OnChipDecode.From(o),
            Issue = LoadStoreIssue.From(o),
        };
    }
}
