using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Sim.Runner.Reporting;

/// <summary>
/// A sweep's results as a table: the swept values, then prefill ms, decode ms, decode tokens/s
/// and each module's utilization. A Spectre.Console table on a terminal, aligned plain text
/// otherwise. Skipped points are not rows (they are reported with their errors).
/// </summary>
public static class SweepTable
{
    public static IReadOnlyList<string> Headers(IReadOnlyList<string> keys, bool withCase) =>
        [.. keys, .. withCase ? new[] { "Case (P:D)" } : [], "Prefill (ms)", "Decode (ms)", "Decode tok/s",
         .. SweepRow.ShownModules.Select(m => $"{m} %")];

    public static IReadOnlyList<IReadOnlyList<string>> Cells(IReadOnlyList<SweepRow> rows, IReadOnlyList<string> keys, bool withCase) =>
        rows.Where(r => r.Result is not null).Select(r =>
        {
            var b = r.Result!;
            IReadOnlyList<string> cells =
            [
                .. keys.Select(r.Point.Value), .. withCase ? new[] { r.Case.ToString() } : [],
                F(b.Latency.PrefillMs, "F1"), F(b.Latency.DecodeMs, "F1"), F(b.Latency.TokensPerSecond, "F2"),
                .. SweepRow.ShownModules.Select(m => F(b.Utilization(m), "F1")),
            ];
            return cells;
        }).ToList();

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

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
