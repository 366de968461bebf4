using System.Globalization;
using System.Text;
using Spectre.Console;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Runner.Reporting;

/// <summary>
/// A sweep's results as a table: the point (baseline or its number), the swept values, then
/// prefill ms, decode ms, decode tokens/s (and Δ% against the baseline once merged), each
/// module's utilization, the DSPs the config needs and whether a known device holds it. A
/// Spectre.Console table on a terminal, aligned plain text otherwise. Skipped points are not
/// rows (they are reported with their errors).
/// </summary>
public static class SweepTable
{
    /// <summary>The modules whose utilization the table shows (SYS only marks barriers).</summary>
    public static readonly Module[] ShownModules = [Module.LD, Module.ST, Module.MM, Module.MV, Module.MISC];

    public static (IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Cells) Build(SweepResults results, IReadOnlyList<string> keys, bool withCase)
    {
        bool study = results.Header.Contains(SweepStudy.Pareto);
        var columns = new List<(string Header, string Column, string? Format)> { ("Point", SweepColumns.Point, null) };
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
                if (c.Column == SweepColumns.Point && r[role] == SweepColumns.BaselineRole) return "baseline";
                if (c.Column == SweepColumns.FeasibleOn && text.Length == 0) return "none";
                return c.Format is not null && SweepResults.Number(text) is { } v ? v.ToString(c.Format, CultureInfo.InvariantCulture) : text;
            }).ToList();
            return row;
        }).ToList();
        return (columns.Select(c => c.Header).ToList(), cells);
    }

    /// <summary>Right-aligned columns separated by two spaces, a rule under the header.</summary>
    public static string Plain(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        var widths = headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> values) =>
            sb.Append(string.Join("  ", values.Select((v, i) => v.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToList());
        foreach (var c in cells) Line(c);
        return sb.ToString();
    }

    /// <summary>Writes the table to stdout: Spectre.Console's when it is a terminal, else plain text.</summary>
    public static void Print(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        if (Console.IsOutputRedirected)
        {
            Console.Out.Write(Plain(headers, cells));
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (var c in cells) table.AddRow(c.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }
}
