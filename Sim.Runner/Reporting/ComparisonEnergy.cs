using System.Globalization;
using System.Text;

namespace Sim.Runner.Reporting;

/// <summary>
/// The decode energy per token below the seed's table: one line per case with each hardware
/// column's joules per decoded token (GPU: the board's NVML energy; n/a where none was measured).
/// Nothing when no cell has an energy, so the seed's output stays as it was.
/// </summary>
public static class ComparisonEnergy
{
    public static string Format(ComparisonReport report)
    {
        if (!report.Cases.Any(c => c.HasEnergy)) return "";
        var sb = new StringBuilder("Decode energy per token (J/token; GPU columns: the board's energy counter (NVML); n/a: not measured)\n");
        foreach (var c in report.Cases)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {c.Case.Prefill,4}:{c.Case.Decode,-5}");
            foreach (var cell in c.Cells)
                sb.Append("  ").Append(cell.Hardware).Append(' ')
                    .Append(cell.DecodeJoulesPerToken is { } j ? j.ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
