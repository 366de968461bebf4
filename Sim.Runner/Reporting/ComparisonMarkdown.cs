using System.Globalization;
using System.Text;

namespace Sim.Runner.Reporting;

/// <summary>The comparison as a Markdown pipe table (one row per case and hardware column), then the source notes.</summary>
public static class ComparisonMarkdown
{
    public static string Write(ComparisonReport report)
    {
        var sb = new StringBuilder();
        var energy = report.Cases.Any(c => c.HasEnergy);
        sb.Append("| Case (P:D) | Hardware | Prefill (ms) | Decode (ms) | Total (ms) | Decode tokens/s | VHK158 speedup |")
            .Append(energy ? " Decode energy (J/token) |\n" : "\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|").Append(energy ? "---:|\n" : "\n");
        foreach (var c in report.Cases)
            foreach (var cell in c.Cells)
                sb.Append($"| {c.Case} | {cell.Hardware} | {F(cell.Result?.PrefillMs, "F1")} | {F(cell.Result?.DecodeMs, "F1")} | " +
                          $"{F(cell.Result?.TotalMs, "F1")} | {F(cell.Result?.TokensPerSecond, "F1")} | {F(c.Speedup(cell), "F3")} |" +
                          (energy ? $" {F(cell.DecodeJoulesPerToken, "F3")} |\n" : "\n"));
        sb.Append('\n').Append($"Model {report.Model}, batch 1.\n\n");
        foreach (var n in report.Notes) sb.Append("- ").Append(Escape(n.ToString())).Append('\n');
        return sb.ToString();
    }

    private static string F(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Escape(string s) => s.Replace("|", "\\|");
}
