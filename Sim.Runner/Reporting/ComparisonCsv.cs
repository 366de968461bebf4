using CsvHelper;

namespace Sim.Runner.Reporting;

/// <summary>The comparison as CSV (one row per case and hardware column; empty where n/a).</summary>
public static class ComparisonCsv
{
    public static string Write(ComparisonReport report)
    {
        var rows = report.Cases.SelectMany(c => c.Cells.Select(cell => new ComparisonCsvRow
        {
            Model = report.Model,
            Batch = 1,
            Prefill = c.Case.Prefill,
            Decode = c.Case.Decode,
            Hardware = cell.Hardware,
            PrefillMs = ComparisonFormat.Round(cell.Result?.PrefillMs),
            DecodeMs = ComparisonFormat.Round(cell.Result?.DecodeMs),
            TotalMs = ComparisonFormat.Round(cell.Result?.TotalMs),
            TokensPerS = ComparisonFormat.Round(cell.Result?.TokensPerSecond),
            Vhk158Speedup = ComparisonFormat.Round(c.Speedup(cell)),
            Source = cell.Source,
        }));
        var text = new StringWriter();
        using (var writer = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
        {
            writer.WriteRecords(rows);
            writer.Flush();
        }
        return text.ToString();
    }
}

/// <summary>One line of <see cref="ComparisonCsv"/>.</summary>
[CsvRecord]
public sealed partial class ComparisonCsvRow
{
    [CsvColumn("model")] public string Model { get; set; } = "";
    [CsvColumn("batch")] public int Batch { get; set; }
    [CsvColumn("prefill")] public int Prefill { get; set; }
    [CsvColumn("decode")] public int Decode { get; set; }
    [CsvColumn("hardware")] public string Hardware { get; set; } = "";
    [CsvColumn("prefill_ms")] public double? PrefillMs { get; set; }
    [CsvColumn("decode_ms")] public double? DecodeMs { get; set; }
    [CsvColumn("total_ms")] public double? TotalMs { get; set; }
    [CsvColumn("decode_tokens_per_s")] public double? TokensPerS { get; set; }
    [CsvColumn("vhk158_speedup")] public double? Vhk158Speedup { get; set; }
    [CsvColumn("source")] public string? Source { get; set; }
}
