using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sim.Runner.Reporting;

/// <summary>The comparison as JSON: the cases with their hardware columns (null where n/a) and the source notes.</summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write(ComparisonReport report)
    {
        var doc = new Document(report.Model,
            report.Cases.Select(c => new Case(1, c.Case.Prefill, c.Case.Decode, c.Cells.Select(cell => new Hardware(
                cell.Hardware,
                ComparisonFormat.Round(cell.Result?.PrefillMs),
                ComparisonFormat.Round(cell.Result?.DecodeMs),
                ComparisonFormat.Round(cell.Result?.TotalMs),
                ComparisonFormat.Round(cell.Result?.TokensPerSecond),
                ComparisonFormat.Round(c.Speedup(cell)),
                cell.DecodeJoulesPerToken,
                cell.Source)).ToList())).ToList(),
            report.Notes.Select(n => new Note(n.Column, n.Text)).ToList());
        return JsonSerializer.Serialize(doc, Options) + "\n";
    }

    private sealed record Document(string Model, IReadOnlyList<Case> Cases, IReadOnlyList<Note> Sources);
    private sealed record Case(int Batch, int Prefill, int Decode, IReadOnlyList<Hardware> Hardware);
    private sealed record Hardware(string Name, double? PrefillMs, double? DecodeMs, double? TotalMs, double? DecodeTokensPerS, double? Vhk158Speedup, double? DecodeJPerToken, string? Source);
    private sealed record Note(string Column, string Text);
}
