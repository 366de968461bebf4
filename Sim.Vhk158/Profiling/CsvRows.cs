using CsvHelper;

namespace Sim.Vhk158.Profiling;

/// <summary>A CSV text's records, header included, as rows of fields, read through CsvHelper (quotes, CRLF).</summary>
public static class CsvRows
{
    public static List<IReadOnlyList<string>> Read(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { HasHeader = false });
        var records = new List<IReadOnlyList<string>>();
        while (csv.Read())
        {
            var row = new string[csv.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = csv.GetString(i);
            records.Add(row);
        }
        return records;
    }
}
