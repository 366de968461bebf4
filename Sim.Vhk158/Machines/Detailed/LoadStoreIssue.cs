using Sim.Vhk158.Config;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// How a core's load and store units issue transfers to a contended memory. With
/// <see cref="InFlight"/> 1 a unit waits for each transfer before decoding the next, so every
/// LD pays a full memory round trip; with more, it issues the next LD/ST while earlier ones are
/// in flight (their data still lands, and their tokens are released, in program order), as a DMA
/// engine that keeps AXI requests outstanding across instructions does. <see cref="IssueCycles"/>
/// is the decoder's time per LD/ST (it expands one compiled LD/ST into one per channel);
/// <see cref="PathLatencyNs"/> is the extra way from the memory to a core's buffers.
/// </summary>
public sealed record LoadStoreIssue(int InFlight, double IssueCycles, double PathLatencyNs = 0)
{
    public const string InFlightOption = "ld_st_in_flight";
    public const string IssueCyclesOption = "ld_st_issue_cycles";
    public const string PathLatencyOption = "ld_st_path_latency_ns";

    public static IReadOnlyList<ComponentOption> Declared { get; } =
    [
        new(InFlightOption, 1, "LD/ST instructions a core's load or store unit keeps in flight (1: it waits for each)", Min: 1, Max: 1024),
        new(IssueCyclesOption, 0, "cycles the decoder spends issuing one LD/ST (expanding it into one transfer per channel)", Min: 0, Max: 1e6),
        new(PathLatencyOption, 0, "ns between the memory and a core's buffers beyond what the MEMORY section's masters see (the design's memory controller, SLR crossings)", Min: 0, Max: 1e6),
    ];

    public static LoadStoreIssue From(ComponentOptions o) => new(o.Int(InFlightOption), o[IssueCyclesOption], o[PathLatencyOption]);
}
