using System.Globalization;
using System.Text;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Reporting;

/// <summary>One hardware column of the comparison: a case result, or null where nothing was measured.</summary>
public sealed record HardwareColumn(string Name, CaseResult? Result);

/// <summary>
/// The seed's comparison table (../shared/seed), character for character: a banner per case, the
/// five rows, values right-aligned in 10 with one decimal (speedup three), and a closing rule.
/// </summary>
public static class ComparisonTable
{
    private const int Width = 68;

    public static string Format(string model, IReadOnlyList<(FpgaCase Case, IReadOnlyList<HardwareColumn> Columns)> cases)
    {
        var sb = new StringBuilder();
        foreach (var (c, columns) in cases)
        {
            var title = $"Case: {model}, (Batch 1, Prefill {c.Prefill,3}, Decode {c.Decode,4})";
            int pad = Width - title.Length, left = pad / 2;
            sb.Append('+').Append('-', Math.Max(0, left)).Append(title).Append('-', Math.Max(0, pad - left)).Append("+\n");
            sb.Append("| ").Append("Hardware".PadRight(24)).Append(" |");
            foreach (var col in columns) sb.Append(Center(col.Name, 13)).Append('|');
            sb.Append('\n');
            var fpga = columns[^1].Result;
            Row(sb, "Prefill time (ms)", columns, r => r.PrefillMs, "F1");
            Row(sb, "Decode time (ms)", columns, r => r.DecodeMs, "F1");
            Row(sb, "Total time (ms)", columns, r => r.TotalMs, "F1");
            Row(sb, "Avg throughput (token/s)", columns, r => r.TokensPerSecond, "F1");
            Row(sb, "VHK158 speedup ratio", columns, r => fpga is null ? double.NaN : r.TotalMs / fpga.TotalMs, "F3");
        }
        sb.Append('+').Append('-', Width).Append("+\n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string label, IReadOnlyList<HardwareColumn> columns, Func<CaseResult, double> value, string format)
    {
        sb.Append("| ").Append(label.PadRight(24)).Append(" |");
        for (int i = 0; i < columns.Count; i++)
        {
            var col = columns[i];
            var text = col.Result is null || double.IsNaN(value(col.Result))
                ? "n/a"
                : value(col.Result).ToString(format, CultureInfo.InvariantCulture);
            // The seed sets the last (FPGA) column one character further right.
            bool last = i == columns.Count - 1;
            sb.Append(text.PadLeft(last ? 11 : 10)).Append(last ? "  |" : "   |");
        }
        sb.Append('\n');
    }

    private static string Center(string s, int width)
    {
        int pad = width - s.Length, left = pad / 2; // Python's ^ alignment: the odd space goes right
        return new string(' ', Math.Max(0, left)) + s + new string(' ', Math.Max(0, pad - left));
    }
}
