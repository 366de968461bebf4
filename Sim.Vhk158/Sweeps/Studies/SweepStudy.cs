using Sim.Vhk158.Sweeps.Specs;

namespace Sim.Vhk158.Sweeps.Studies;

/// <summary>
/// Adds the study columns to merged results: the baseline's decode tokens/s for the row's case
/// and the row's change against it in percent (tokens/s and total latency), and whether the row
/// is on the Pareto front of its case. The front is drawn over rows that ran and that some known
/// device can hold (an infeasible design trades nothing).
/// </summary>
public static class SweepStudy
{
    public const string BaselineTokensPerSecond = "baseline_decode_tokens_per_s";
    public const string DeltaTokensPerSecondPct = "delta_decode_tokens_per_s_pct";
    public const string DeltaTotalMsPct = "delta_total_ms_pct";
    public const string Pareto = "pareto";

    public static SweepResults Apply(SweepResults merged, SweepSpec spec)
    {
        int role = merged.Column(SweepColumns.Role), @case = merged.Column(SweepColumns.Case);
        int tps = merged.Column(SweepColumns.DecodeTokensPerSecond), total = merged.Column(SweepColumns.TotalMs);
        int feasible = merged.Column(SweepColumns.Feasible), error = merged.Column(SweepColumns.Error);
        var baseline = merged.Rows.Where(r => r[role] == SweepColumns.BaselineRole).ToDictionary(r => r[@case], StringComparer.Ordinal);
        var onFront = FrontRows(merged, spec, @case, feasible, error);

        var rows = merged.Rows.Select((r, i) =>
        {
            baseline.TryGetValue(r[@case], out var b);
            double? bt = b is null ? null : SweepResults.Number(b[tps]);
            double? bTotal = b is null ? null : SweepResults.Number(b[total]);
            IReadOnlyList<string> row =
            [
                .. r.Take(error),
                bt is { } x ? SweepResults.Format(x) : "",
                Delta(SweepResults.Number(r[tps]), bt),
                Delta(SweepResults.Number(r[total]), bTotal),
                onFront.Contains(i) ? "yes" : "",
                .. r.Skip(error),
            ];
            return row;
        }).ToList();
        IReadOnlyList<string> header = [.. merged.Header.Take(error), BaselineTokensPerSecond, DeltaTokensPerSecondPct, DeltaTotalMsPct, Pareto, .. merged.Header.Skip(error)];
        return new SweepResults(header, rows);
    }

    /// <summary>Indices of the rows on their case's front.</summary>
    private static HashSet<int> FrontRows(SweepResults merged, SweepSpec spec, int @case, int feasible, int error)
    {
        int xc = merged.Column(spec.ParetoX.Column), yc = merged.Column(spec.ParetoY.Column);
        var front = new HashSet<int>();
        var candidates = merged.Rows.Select((r, i) => (Row: r, Index: i, X: SweepResults.Number(r[xc]), Y: SweepResults.Number(r[yc])))
            .Where(c => c.Row[error].Length == 0 && c.Row[feasible] == "yes" && c.X is not null && c.Y is not null);
        foreach (var group in candidates.GroupBy(c => c.Row[@case], StringComparer.Ordinal))
        {
            var list = group.ToList();
            var on = ParetoFront.Of(list.Select(c => (c.X!.Value, c.Y!.Value)).ToList(), spec.ParetoX, spec.ParetoY);
            for (int k = 0; k < list.Count; k++) if (on[k]) front.Add(list[k].Index);
        }
        return front;
    }

    private static string Delta(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b != 0 ? SweepResults.Format(100 * (v - b) / b) : "";
}
