using Sim.Vhk158.Profiling;

namespace Sim.Runner.Reporting;

/// <summary>
/// The standard comparison: per case, a cell per hardware column (GPU-naive, GPU-opt, VHK158
/// FPGA; null where nothing was measured), and notes saying where each column came from.
/// </summary>
public sealed record ComparisonReport(string Model, IReadOnlyList<ComparisonCase> Cases, IReadOnlyList<ComparisonNote> Notes)
{
    public const string FpgaName = "VHK158 FPGA";
}

/// <summary>One case's row of cells; the last cell is the FPGA, which the speedups divide by.</summary>
public sealed record ComparisonCase(FpgaCase Case, IReadOnlyList<ComparisonCell> Cells)
{
    public CaseResult? Fpga => Cells[^1].Result;

    /// <summary>Whether any cell carries a decode energy.</summary>
    public bool HasEnergy => Cells.Any(c => c.DecodeJoulesPerToken is not null);

    /// <summary>How many times longer the cell's request takes than the FPGA's; null where either is missing.</summary>
    public double? Speedup(ComparisonCell cell) =>
        cell.Result is null || Fpga is null || Fpga.TotalMs <= 0 ? null : cell.Result.TotalMs / Fpga.TotalMs;
}

/// <summary>One hardware column of one case, and where its numbers came from; the decode energy per token where measured.</summary>
public sealed record ComparisonCell(string Hardware, CaseResult? Result, string? Source, double? DecodeJoulesPerToken = null);

/// <summary>A footer line: a column and where its numbers came from (or why it is n/a).</summary>
public sealed record ComparisonNote(string Column, string Text)
{
    public override string ToString() => $"{Column}: {Text}";
}
