using System.Globalization;

namespace Sim.Vhk158.Sweeps.Feasibility;

/// <summary>Which known devices could hold a config, and for each that cannot, the first reason why.</summary>
public sealed record FeasibilityCheck(IReadOnlyList<string> FitsOn, IReadOnlyList<string> Reasons)
{
    public bool Feasible => FitsOn.Count > 0;

    /// <summary>"" when some device fits, else each device's reason joined by "; ".</summary>
    public string Reason => Feasible ? "" : string.Join("; ", Reasons);

    public static FeasibilityCheck Of(ResourceEstimate need, IReadOnlyList<KnownDevice> devices)
    {
        var fits = new List<string>();
        var reasons = new List<string>();
        foreach (var d in devices)
        {
            var why = Why(need, d);
            if (why is null) fits.Add(d.Name);
            else reasons.Add($"{d.Name}: {why}");
        }
        return new FeasibilityCheck(fits, reasons);
    }

    private static string? Why(ResourceEstimate need, KnownDevice d)
    {
        long dsp = need.Dsp(d.Int8MacsPerDsp);
        if (dsp > d.Dsp)
            return F($"{need.Cores} cores x {need.MacsPerCore} MACs need {dsp} {d.DspKind}, it has {d.Dsp}");
        if (d.OnChipBytes is { } onChip && need.OnChipBytes > onChip)
            return F($"buffers need {Mib(need.OnChipBytes)} MiB on chip, it has {Mib(onChip)} MiB");
        if (need.HbmGB > d.HbmGB) return F($"HBM_TOTAL_SIZE_GB {need.HbmGB} > its {d.HbmGB} GB");
        if (need.HbmChannels > d.HbmPseudoChannels) return F($"HBM_CHANNEL_NUM {need.HbmChannels} > its {d.HbmPseudoChannels} pseudo-channels");
        return null;
    }

    public static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
