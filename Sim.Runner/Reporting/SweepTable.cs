using System.Globalization;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Runner.Reporting;

/// <summary>
/// A sweep's results as a <see cref="ResultTable"/>: the point (baseline or its number), the swept
/// values, then prefill ms, decode ms, decode tokens/s (and Δ% against the baseline once merged),
/// each module's utilization, the DSPs the config needs and whether a known device holds it.
/// Skipped points are not rows (they are reported with their errors). For people (table,
/// Markdown) numbers are rounded; for machines (CSV, JSON) they are sweep.csv's cells, under
/// sweep.csv's column names, with the point's number and role.
/// </summary>
public static class SweepTable
{
    /// <summary>The modules whose utilization the table shows (SYS only marks barriers).</summary>
    public static readonly Module[] ShownModules = [Module.LD, Module.ST, Module.MM, Module.MV, Module.MISC];

    /// <param name="exact">sweep.csv's cells and a role column (CSV, JSON) rather than rounded numbers and "baseline" as the point</param>
    public static ResultTable Build(SweepResults results, IReadOnlyList<string> keys, bool withCase, bool exact = false)
    {
        bool study = results.Header.Contains(SweepStudy.Pareto);
        var columns = new List<(string Header, string Column, string? Format)> { ("Point", SweepColumns.Point, null) };
        if (exact) columns.Add(("Role", SweepColumns.Role, null));
        columns.AddRange(keys.Select(k => (k, k, (string?)null)));
        if (withCase) columns.Add(("Case (P:D)", SweepColumns.Case, null));
        columns.Add(("Prefill (ms)", SweepColumns.PrefillMs, "F1"));
        columns.Add(("Decode (ms)", SweepColumns.DecodeMs, "F1"));
        columns.Add(("Decode tokens/s", SweepColumns.DecodeTokensPerSecond, "F2"));
        if (study) columns.Add(("Δ decode tokens/s %", SweepStudy.DeltaTokensPerSecondPct, "+0.0;-0.0;0.0"));
        columns.AddRange(ShownModules.Select(m => ($"{m} %", SweepColumns.Utilization(m), (string?)"F1")));
        columns.Add(("DSP", SweepColumns.Dsp, null));
        columns.Add(("Fits on", SweepColumns.FeasibleOn, null));
        if (study) columns.Add(("Pareto", SweepStudy.Pareto, null));

        var index = columns.Select(c => results.Column(c.Column)).ToList();
        int error = results.Column(SweepColumns.Error), role = results.Column(SweepColumns.Role);
        var cells = results.Rows.Where(r => r[error].Length == 0).Select(r =>
        {
            IReadOnlyList<string> row = columns.Select((c, i) =>
            {
                var text = r[index[i]];
                if (exact) return text;
                if (c.Column == SweepColumns.Point && r[role] == SweepColumns.BaselineRole) return "baseline";
                if (c.Column == SweepColumns.FeasibleOn && text.Length == 0) return "none";
                return c.Format is not null && SweepResults.Number(text) is { } v ? v.ToString(c.Format, CultureInfo.InvariantCulture) : text;
            }).ToList();
            return row;
        }).ToList();
        return new ResultTable(columns.Select(c => c.Header).ToList(), cells) { Keys = columns.Select(c => c.Column).ToList() };
    }

    /// <summary>The table in <paramref name="format"/>; CSV and JSON carry sweep.csv's exact cells.</summary>
    public static string Write(SweepResults results, IReadOnlyList<string> keys, bool withCase, string format, bool terminal = false) =>
        Build(results, keys, withCase, exact: format is ResultTable.Csv or ResultTable.Json).Write(format, terminal);
}
