using Sim.Core.IO;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Specs;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Runner.Reporting;

/// <summary>The Pareto front's points: <c>pareto.csv</c> (the front's rows of sweep.csv) and lines for the console.</summary>
public static class SweepParetoList
{
    public const string FileName = "pareto.csv";

    public static SweepResults Front(SweepResults results)
    {
        int flag = results.Column(SweepStudy.Pareto);
        return results with { Rows = results.Rows.Where(r => r[flag] == "yes").ToList() };
    }

    public static void Write(string path, SweepResults results) => AtomicFile.WriteAllText(path, Front(results).ToCsv());

    /// <summary>One line per front point: the point, its case, the two objectives and the swept values.</summary>
    public static IReadOnlyList<string> Lines(SweepResults results, SweepSpec spec)
    {
        var front = Front(results);
        int point = front.Column(SweepColumns.Point), @case = front.Column(SweepColumns.Case);
        int x = front.Column(spec.ParetoX.Column), y = front.Column(spec.ParetoY.Column);
        var keys = spec.Keys.Select(k => (Key: k, Index: front.Column(k))).ToList();
        var lines = new List<string> { $"Pareto front ({spec.ParetoX} vs {spec.ParetoY}; feasible points that ran): {front.Rows.Count} points" };
        lines.AddRange(front.Rows.Select(r =>
            $"  point {r[point]} [{r[@case]}]: {spec.ParetoX.Column}={r[x]}, {spec.ParetoY.Column}={r[y]}; " +
            string.Join(", ", keys.Select(k => $"{k.Key}={r[k.Index]}"))));
        return lines;
    }
}
