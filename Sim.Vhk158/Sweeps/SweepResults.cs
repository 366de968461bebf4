using System.Globalization;
using CsvHelper;
using Sim.Core.Errors;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Sweeps;

/// <summary>
/// A table of sweep results as text cells, exactly as written: shards store them, the merge
/// concatenates them, studies add columns. Working on the printed text is what makes a merged
/// sweep byte-identical to an unsharded one.
/// </summary>
public sealed record SweepResults(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public int Column(string name)
    {
        for (int i = 0; i < Header.Count; i++) if (Header[i] == name) return i;
        throw new InputException($"the results have no column '{name}' (they have {string.Join(", ", Header)})");
    }

    public static double? Number(string text) =>
        text.Length > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Six decimals (the profiler CSVs' precision) in the shortest round-trip form.</summary>
    public static string Format(double v) => Math.Round(v, 6).ToString(CultureInfo.InvariantCulture);

    /// <summary>The table as CSV with "\n" line ends.</summary>
    public string ToCsv()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
        {
            foreach (var h in Header) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in Rows)
            {
                foreach (var cell in row) csv.WriteField(cell);
                csv.EndRecord();
            }
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>Reads what <see cref="ToCsv"/> wrote; <paramref name="file"/> names it in errors.</summary>
    public static SweepResults Parse(string text, string file)
    {
        var records = CsvRows.Read(text);
        if (records.Count == 0) throw new InputException("empty results file", file);
        var header = records[0];
        for (int r = 1; r < records.Count; r++)
            if (records[r].Count != header.Count) throw new InputException($"row {r} has {records[r].Count} cells, the header {header.Count}", file, r + 1);
        return new SweepResults(header, records.Skip(1).ToList());
    }
}
