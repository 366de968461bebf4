using Sim.Vhk158.Profiling;
namespace Sim.Runner.Reporting;

/// <summary>The output formats of <c>vhksim run</c>: the seed's table for people, the others for machines.</summary>
public static class ComparisonFormat
{
    public const string Table = "table", Csv = "csv", Json = "json", Markdown = "markdown";
    public static readonly string[] All = [Table, Csv, Json, Markdown];

    public static string Write(ComparisonReport report, string format) => format switch
    {
        Table => TableText(report),
        Csv => ComparisonCsv.Write(report),
        Json => ComparisonJson.Write(report),
        Markdown => ComparisonMarkdown.Write(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    /// <summary>
    /// The seed's table, character for character; below it, where energy was measured, the
    /// decode energy per token of each case; then a line per column saying where it came from.
    /// </summary>
    private static string TableText(ComparisonReport report)
    {
        return ComparisonTable.Format(report.Model, Columns(report)) + ComparisonEnergy.Format(report) + string.Concat(report.Notes.Select(n => n + "\n"));
    }

    /// <summary>Machine formats carry the inputs' precision (the CSVs' 6 decimals) without float noise.</summary>
    internal static double? Round(double? v) => v is { } x ? Math.Round(x, 6) : null;

    /// <summary>The report as the table's and chart's per-case columns.</summary>
    public static IReadOnlyList<(FpgaCase Case, IReadOnlyList<HardwareColumn> Columns)> Columns(ComparisonReport report) =>
        report.Cases.Select(c => (c.Case, (IReadOnlyList<HardwareColumn>)c.Cells.Select(x => new HardwareColumn(x.Hardware, x.Result)).ToList())).ToList();
}
