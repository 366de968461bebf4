using System.Globalization;
using Sim.Core.Errors;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Reads a profiler CSV (spec §4.5) back into a <see cref="ProfileResult"/>: the header, one row
/// per module in the order LD, ST, MM, MV, MISC, SYS, and TOTAL. The values are the CSV's
/// 6-decimal ones, which is what run.py reads; the event count is not in the file (0).
/// </summary>
public static class ProfilerCsvParser
{
    private const string Header = "inst_type,inst_cnt,part_time,part_time_ratio";

    /// <param name="text">the file's content</param>
    /// <param name="file">its name, for messages</param>
    public static ProfileResult Parse(string text, string file)
    {
        var lines = text.Split('\n');
        // A file ends with a newline, so the last piece is empty.
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        if (count == 0) throw new InputException("empty profiler CSV", file, 1);
        if (lines[0].TrimEnd('\r') != Header)
            throw new InputException($"expected the header '{Header}'", file, 1);
        if (count != ModuleSet.Count + 2)
            throw new InputException($"a profiler CSV has {ModuleSet.Count + 2} lines (header, {ModuleSet.Count} modules, TOTAL), this one has {count}", file, Math.Min(count, ModuleSet.Count + 2) + 1);

        var counts = new long[ModuleSet.Count];
        var busy = new double[ModuleSet.Count];
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            int line = m + 2;
            var f = Fields(lines[m + 1], file, line);
            var name = ((Module)m).ToString();
            if (f[0] != name) throw new InputException($"expected the row of module {name}, found '{f[0]}'", file, line);
            counts[m] = Count(f[1], file, line);
            busy[m] = Number(f[2], "part_time", file, line);
            Number(f[3], "part_time_ratio", file, line);
        }

        int totalLine = ModuleSet.Count + 2;
        var t = Fields(lines[ModuleSet.Count + 1], file, totalLine);
        if (t[0] != "TOTAL") throw new InputException($"expected the TOTAL row, found '{t[0]}'", file, totalLine);
        long total = Count(t[1], file, totalLine);
        if (total != counts.Sum())
            throw new InputException($"TOTAL inst_cnt {total} is not the sum of the module counts ({counts.Sum()})", file, totalLine);
        double totalMs = Number(t[2], "part_time", file, totalLine);
        return new ProfileResult(counts, busy, totalMs, Events: 0);
    }

    private static string[] Fields(string line, string file, int lineNo)
    {
        var f = line.TrimEnd('\r').Split(',');
        if (f.Length != 4) throw new InputException($"expected 4 comma-separated fields, found {f.Length}", file, lineNo);
        return f;
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
