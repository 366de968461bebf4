using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Runner.Reporting;

/// <summary>
/// Writes a merged sweep's reports into its folder: sweep.csv, pareto.csv, the Pareto plot, the
/// heatmap for two or more keys and the line plot for one. Refuses (writes nothing) when no point
/// ran, so a sweep of only invalid points never replaces good results.
/// </summary>
public static class SweepReport
{
    public static IReadOnlyList<string> Write(SweepJob job, SweepResults merged, string model)
    {
        var written = new List<string>();
        var csv = Path.Combine(job.Dir, SweepCsv.FileName);
        SweepCsv.Write(csv, merged);
        written.Add(csv);
        var pareto = Path.Combine(job.Dir, SweepParetoList.FileName);
        SweepParetoList.Write(pareto, merged);
        written.Add(pareto);
        written.AddRange(SweepParetoPlot.Write(job.Dir, merged, job.Spec, model));
        if (HeatmapGrid.Of(merged, job.Spec) is { } grid) written.AddRange(SweepHeatmap.Write(job.Dir, grid, model));
        if (job.Spec.Axes.Count == 1)
        {
            var svg = Path.Combine(job.Dir, SweepPlot.FileName);
            SweepPlot.Write(svg, job.Spec.Axes[0].Key, job.Spec.Axes[0].Values, merged, model);
            written.Add(svg);
        }
        return written;
    }

    /// <summary>Whether any swept point (not the baseline) ran.</summary>
    public static bool AnyRan(SweepResults results)
    {
        int error = results.Column(SweepColumns.Error), role = results.Column(SweepColumns.Role);
        return results.Rows.Any(r => r[error].Length == 0 && r[role] == SweepColumns.PointRole);
    }
}
