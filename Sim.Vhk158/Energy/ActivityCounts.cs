using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Energy;

/// <summary>
/// The activity counters a profile carries (rows <c>count.NAME</c> of the detailed machine's
/// profiler CSV; zero where a machine has none): bytes moved and datapath slots used.
/// </summary>
public sealed record ActivityCounts(long HbmReadBytes, long HbmWriteBytes, long HbmWeightBytes, long DdrReadBytes, long OnChipBytes, long MpeMacs, long SfuElements)
{
    public const string Prefix = "count.";

    /// <summary>Whether the profile had counters at all (the reference machine's has none).</summary>
    public bool Present { get; init; }

    public static ActivityCounts Of(ProfileResult run)
    {
        long Get(string name) => run.Units.FirstOrDefault(u => u.Unit.Name == Prefix + name)?.Count ?? 0;
        bool present = run.Units.Any(u => u.Unit.Name.StartsWith(Prefix, StringComparison.Ordinal));
        return new ActivityCounts(Get("hbm_read_bytes"), Get("hbm_write_bytes"), Get("hbm_weight_bytes"), Get("ddr_read_bytes"),
            Get("onchip_bytes"), Get("mpe_macs"), Get("sfu_elements")) { Present = present };
    }
}
