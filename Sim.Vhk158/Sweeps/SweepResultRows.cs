using Sim.Vhk158.Isa;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps.Feasibility;

namespace Sim.Vhk158.Sweeps;

/// <summary>
/// Turns evaluated points into result rows (a row per point and case): the swept values, the
/// latencies and utilizations, what the config needs of a device and whether a known device
/// holds it; a skipped point keeps its error and empty numbers.
/// </summary>
public static class SweepResultRows
{
    public static SweepResults From(IReadOnlyList<string> keys, IReadOnlyList<FpgaCase> cases, IReadOnlyList<(int Index, SweepOutcome Outcome)> points)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (index, o) in points)
        {
            var need = o.Config is { } config ? ResourceEstimate.Of(config) : null;
            var fit = need is null ? null : FeasibilityCheck.Of(need, DeviceCatalog.All);
            for (int c = 0; c < cases.Count; c++)
            {
                var b = o.Cases?[c];
                string N(double? v) => v is { } x ? SweepResults.Format(x) : "";
                rows.Add(
                [
                    index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    index == SweepPoints.BaselineIndex ? SweepColumns.BaselineRole : SweepColumns.PointRole,
                    .. keys.Select(k => o.Point.Settings.FirstOrDefault(s => s.Key == k).Value ?? ""),
                    cases[c].ToString(),
                    N(b?.Latency.PrefillMs), N(b?.Latency.DecodeMs), N(b?.Latency.TotalMs), N(b?.Latency.TokensPerSecond),
                    .. Enum.GetValues<Module>().Select(m => N(b?.Utilization(m))),
                    need is null ? "" : need.Dsp().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    need is null ? "" : FeasibilityCheck.Mib(need.OnChipBytes),
                    need is null ? "" : need.HbmGB.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    fit is null ? "" : fit.Feasible ? "yes" : "no",
                    fit is null ? "" : string.Join(" ", fit.FitsOn),
                    fit?.Reason ?? "",
                    o.Error ?? "",
                ]);
            }
        }
        return new SweepResults(SweepColumns.Header(keys), rows);
    }
}
