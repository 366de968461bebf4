using Sim.Runner.GpuResults;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Reporting;

/// <summary>Puts the simulated FPGA results and the GPU measurements of the same cases side by side.</summary>
public static class ComparisonBuilder
{
    /// <param name="model">the model's display name (the table's title)</param>
    /// <param name="gpuModel">the model name GPU result rows must carry</param>
    /// <param name="cases">the cases, in order</param>
    /// <param name="fpga">the FPGA result of each case</param>
    /// <param name="gpu">the GPU measurements</param>
    /// <param name="gpuSearched">where the GPU results were looked for (for the n/a note)</param>
    /// <param name="fpgaSource">how the FPGA column was made</param>
    /// <param name="fpgaJoulesPerToken">the FPGA's decode energy per token of each case, where the config has an energy model</param>
    public static ComparisonReport Build(string model, string gpuModel, IReadOnlyList<FpgaCase> cases, IReadOnlyList<CaseResult> fpga,
        IGpuResultSource gpu, GpuSearch gpuSearched, string fpgaSource, IReadOnlyList<double?>? fpgaJoulesPerToken = null)
    {
        var rows = new List<ComparisonCase>();
        var found = GpuColumns.All.ToDictionary(c => c.Column, _ => new List<(FpgaCase Case, GpuMeasurement? M)>());
        for (int i = 0; i < cases.Count; i++)
        {
            var cells = new List<ComparisonCell>();
            foreach (var (column, backends) in GpuColumns.All)
            {
                var m = GpuColumns.Find(gpu, gpuModel, cases[i], backends);
                found[column].Add((cases[i], m));
                cells.Add(new ComparisonCell(column, m?.Result, m?.Provenance.ToString(), m?.DecodeJoulesPerToken));
            }
            cells.Add(new ComparisonCell(ComparisonReport.FpgaName, fpga[i], fpgaSource, fpgaJoulesPerToken?[i]));
            rows.Add(new ComparisonCase(cases[i], cells));
        }

        var notes = new List<ComparisonNote>();
        foreach (var (column, backends) in GpuColumns.All)
        {
            var hits = found[column];
            var sources = hits.Where(h => h.M is not null).Select(h => h.M!.Provenance.ToString()).Distinct().ToList();
            var missing = hits.Where(h => h.M is null).Select(h => h.Case.ToString()).ToList();
            string text;
            if (sources.Count == 0)
                text = (gpuSearched.Files.Count > 0
                           ? $"n/a: no {string.Join(" or ", backends)} results for {gpuModel} (batch 1) of these cases {gpuSearched}"
                           : $"n/a: {gpuSearched}") + "; measure with `vhksim gpu` or pass --gpu-results FILE";
            else
                text = string.Join("; ", sources) + (missing.Count > 0 ? $"; n/a for {string.Join(", ", missing)}" : "");
            notes.Add(new ComparisonNote(column, text));
        }
        notes.Add(new ComparisonNote(ComparisonReport.FpgaName, fpgaSource));
        return new ComparisonReport(model, rows, notes);
    }

    /// <summary>The seed's spelling of a model name: a size suffix in capitals ("llama2-7b" → "llama2-7B").</summary>
    public static string DisplayName(string model) =>
        model.Length >= 2 && model[^1] == 'b' && char.IsAsciiDigit(model[^2]) ? model[..^1] + "B" : model;
}
