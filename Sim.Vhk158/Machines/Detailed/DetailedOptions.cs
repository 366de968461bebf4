using Sim.Vhk158.Config;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// The detailed machine's own options (<c>MACHINE.detailed.*</c>). Defaults describe one core
/// whose datapath is the one the flat keys give (MM_/MV_PARALLEL_*, the SFU's *_PARALLEL_K), with
/// no correction factor, no instruction fetch and unbounded instruction queues.
/// </summary>
public sealed record DetailedOptions(
    int Cores,
    double MmMacsPerCycle,
    double MvMacsPerCycle,
    double ModeSwitchCycles,
    double SfuScale,
    int QueueDepth,
    bool FetchFromDdr,
    int FetchBatch,
    int ChannelStride,
    int MemoryRequestBytes,
    double CorrectionFactor)
{
    public const string CoresOption = "cores";
    public const string MmMacsOption = "mpe_mm_macs_per_cycle";
    public const string MvMacsOption = "mpe_mv_macs_per_cycle";
    public const string ModeSwitchOption = "mpe_mode_switch_cycles";
    public const string SfuScaleOption = "sfu_throughput_scale";
    public const string QueueDepthOption = "instruction_queue_depth";
    public const string FetchOption = "fetch_from_ddr";
    public const string FetchBatchOption = "fetch_batch";
    public const string ChannelStrideOption = "channel_stride";
    public const string RequestBytesOption = "memory_request_bytes";
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
        new(FetchOption, 0, "1: instructions are fetched from the DDR section's memory into the queues (a module stalls when its queue runs dry); 0: they are there", Min: 0, Max: 1),
        new(FetchBatchOption, 64, "instructions fetched per DDR transfer", Min: 1, Max: 1e6),
        new(ChannelStrideOption, 0, "logical HBM channel i of core k is PC i*stride+k (0: the core count; the U280 demo uses 4 with 3 cores)", Min: 0, Max: 1024),
        new(RequestBytesOption, 1024, "bytes per memory request of the load/store units (Vitis HLS m_axi: 16 beats x 64 B)", Min: 1, Max: 1 << 24),
        new(CorrectionOption, 1, "every duration is divided by this; 1 = none (the reference machine's 3.2 hides what this machine models)", Min: 1e-6, Max: 1e6),
        .. WeightFormat.Declared,
        .. OnChipDecode.Declared,
        .. LoadStoreIssue.Declared,
    ];

    /// <summary>How compressed weights are stored (what a weight load moves).</summary>
    public WeightFormat Weights { get; init; } = new(0, 0, 128, 0);

    /// <summary>Whether decode activations stay on chip across layers.</summary>
    public OnChipDecode OnChip { get; init; } = new(false, 64);

    /// <summary>How the load and store units issue transfers to a contended memory.</summary>
    public LoadStoreIssue Issue { get; init; } = new(1, 0);

    public static DetailedOptions From(ComponentOptions o) => new(
        o.Int(CoresOption), o[MmMacsOption], o[MvMacsOption], o[ModeSwitchOption], o[SfuScaleOption],
        o.Int(QueueDepthOption), o[FetchOption] >= 0.5, o.Int(FetchBatchOption), o.Int(ChannelStrideOption), o.Int(RequestBytesOption), o[CorrectionOption])
    {
        Weights = WeightFormat.From(o),
        OnChip = OnChipDecode.From(o),
        Issue = LoadStoreIssue.From(o),
    };
}
