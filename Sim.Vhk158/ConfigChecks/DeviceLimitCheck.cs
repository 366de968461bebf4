using System.Globalization;
using Sim.Vhk158.Config;
using Sim.Vhk158.Sweeps.Feasibility;

namespace Sim.Vhk158.ConfigChecks;

/// <summary>One limit of a real device that a config exceeds, with the keys that set the need and where the limit comes from.</summary>
public sealed record DeviceLimitExceeded(KnownDevice Device, string What, IReadOnlyList<string> Keys, string Source)
{
    public override string ToString() =>
        $"exceeds {Device.Name} ({Device.Part}): {What} [{string.Join(", ", Keys)}; {Source}]";
}

/// <summary>
/// Where a config asks more of a real device than it has: DSP slices, on-chip memory, HBM size
/// and pseudo-channels, against <see cref="DeviceCatalog"/> (sources in spec/boards.md). A device
/// whose on-chip memory no source gives is not checked for it, and the result says so.
/// </summary>
public static class DeviceLimitCheck
{
    private static readonly string[] DspKeys = ["SLR_NUM", "MM_PARALLEL_N", "MM_PARALLEL_K", "MM_PARALLEL_M", "MV_PARALLEL_N", "MV_PARALLEL_K", "MV_PARALLEL_M"];
    private static readonly string[] BufferKeys = ["SLR_NUM", "A_BUFFER_DEPTH", "B_BUFFER_DEPTH", "GLOBAL_BUFFER_DEPTH", "META_BUFFER_DEPTH", "FSB_BUFFER_DEPTH", "BIAS_BUFFER_DEPTH"];

    public static IReadOnlyList<DeviceLimitExceeded> Run(HardwareConfig config, IReadOnlyList<KnownDevice>? devices = null)
    {
        var need = ResourceEstimate.Of(config);
        var found = new List<DeviceLimitExceeded>();
        foreach (var d in devices ?? DeviceCatalog.All)
        {
            long dsp = need.Dsp(d.Int8MacsPerDsp);
            if (dsp > d.Dsp)
                found.Add(new(d, F($"{need.Cores} cores x {need.MacsPerCore} INT8 MACs at {d.Int8MacsPerDsp} per slice need {dsp} {d.DspKind}, it has {d.Dsp}"),
                    DspKeys, "DSP count: FlightLLM paper Table 2"));
            if (d.OnChipBytes is { } onChip && need.OnChipBytes > onChip)
                found.Add(new(d, F($"buffers need {FeasibilityCheck.Mib(need.OnChipBytes)} MiB on chip ({need.Cores} cores), it has {FeasibilityCheck.Mib(onChip)} MiB of URAM and BRAM"),
                    BufferKeys, "URAM/BRAM totals: FlightLLM paper Table 3 percentages"));
            if (need.HbmGB > d.HbmGB)
                found.Add(new(d, F($"{need.HbmGB} GB of HBM, it has {d.HbmGB} GB"), ["HBM_TOTAL_SIZE_GB"], "HBM size: FlightLLM paper Table 2"));
            if (need.HbmChannels > d.HbmPseudoChannels)
                found.Add(new(d, F($"{need.HbmChannels} HBM channels, it has {d.HbmPseudoChannels} pseudo-channels"), ["HBM_CHANNEL_NUM"],
                    d.Name == "U280" ? "AMD UG1393" : "AMD DS960 / PG313"));
        }
        return found;
    }

    /// <summary>The devices whose on-chip memory is not checked because no source gives it.</summary>
    public static IEnumerable<KnownDevice> Unchecked(IReadOnlyList<KnownDevice>? devices = null) =>
        (devices ?? DeviceCatalog.All).Where(d => d.OnChipBytes is null);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
