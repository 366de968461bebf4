using System.Globalization;
using CsvHelper;
using Sim.Core.Errors;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Reads a profiler CSV (spec §4.5) back into a <see cref="ProfileResult"/>: the header, one row
/// per unit (for the reference machine LD, ST, MM, MV, MISC, SYS), and TOTAL. A unit named
/// after a module, alone or as <c>coreN.MODULE</c>, is that module's queue; other rows are the
/// machine's other units. The values are the CSV's 6-decimal ones, which is what run.py reads;
/// the event count is not in the file (0). Read through CsvHelper; the writer
/// (<see cref="ProfilerCsv"/>) stays hand-written because its bytes must equal the artifact's.
/// </summary>
public static class ProfilerCsvParser
{
    /// <param name="text">the file's content</param>
    /// <param name="file">its name, for messages</param>
    public static ProfileResult Parse(string text, string file)
    {
        var lines = Records(text, file);
        int count = lines.Count;
        if (count == 0) throw new InputException("empty profiler CSV", file, 1);
        if (string.Join(',', lines[0].Fields) != ProfilerCsv.Header)
            throw new InputException($"expected the header '{ProfilerCsv.Header}'", file, lines[0].Line);
        if (count < 3)
            throw new InputException($"a profiler CSV has a header, a row per unit and TOTAL; this one has {count} lines", file, lines[^1].Line + 1);

        var units = new List<UnitTotal>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < count - 1; i++)
        {
            var (f, line) = Fields(lines[i], file);
            if (f[0] == "TOTAL") throw new InputException("TOTAL must be the last row", file, line);
            if (f[0].Length == 0 || !names.Add(f[0])) throw new InputException($"unit name '{f[0]}' is empty or repeated", file, line);
            units.Add(new UnitTotal(Unit(f[0]), Count(f[1], file, line), Number(f[2], "part_time", file, line)));
            Number(f[3], "part_time_ratio", file, line);
        }

        var (t, totalLine) = Fields(lines[count - 1], file);
        if (t[0] != "TOTAL") throw new InputException($"expected the TOTAL row, found '{t[0]}'", file, totalLine);
        long total = Count(t[1], file, totalLine);
        var result = new ProfileResult(units, Number(t[2], "part_time", file, totalLine), Events: 0) { SourceCsv = text };
        if (total != result.TotalCount)
            throw new InputException($"TOTAL inst_cnt {total} is not the sum of the module counts ({result.TotalCount})", file, totalLine);
        return result;
    }

    /// <summary>The file's records through CsvHelper (quoted fields and CRLF line ends read as any CSV reader would), each with its line.</summary>
    private static List<(string[] Fields, int Line)> Records(string text, string file)
    {
        var records = new List<(string[], int)>();
        try
        {
            using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { HasHeader = false, TrackLineNumbers = true });
            while (csv.Read())
            {
                var fields = new string[csv.FieldCount];
                for (int i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
                records.Add((fields, (int)csv.LineNumber));
            }
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"not a valid CSV: {e.InnerException?.Message ?? e.Message}", file, e.LineNumber > 0 ? (int)e.LineNumber : null);
        }
        return records;
    }

    private static UnitInfo Unit(string name)
    {
        var dot = name.IndexOf('.');
        var (core, moduleName) = dot > 4 && name.StartsWith("core", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4, dot - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            ? (c, name[(dot + 1)..])
            : (0, name);
        return Enum.TryParse<Module>(moduleName, ignoreCase: false, out var module) && Enum.IsDefined(module) && moduleName == module.ToString()
            ? new UnitInfo(name, UnitInfo.ModuleKind, core, module)
            : new UnitInfo(name, "other", -1, null);
    }
    private static (string[] Fields, int Line) Fields((string[] Fields, int Line) record, string file)
    {
        if (record.Fields.Length != 4) throw new InputException($"expected 4 comma-separated fields, found {record.Fields.Length}", file, record.Line);
        return record;
    }

    private static long Count(string s, string file, int line) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new InputException($"inst_cnt '{s}' is not a non-negative integer", file, line);

    private static double Number(string s, string column, string file, int line) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new InputException($"{column} '{s}' is not a non-negative number", file, line);
}
