using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Sim.Runner.Plots;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Specs;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Runner.Reporting;

/// <summary>
/// The Pareto front of the spec's two objectives for its first case (PNG and SVG): every point
/// that ran as a dot (grey when no known device holds it), the front joined by a line in
/// objective order, and the baseline marked.
/// </summary>
public static class SweepParetoPlot
{
    public const string Name = "pareto";
    public const int Width = 900, Height = 600;

    public static PlotModel Build(SweepResults results, SweepSpec spec, string model)
    {
        var @case = spec.Cases[0].ToString();
        int xc = results.Column(spec.ParetoX.Column), yc = results.Column(spec.ParetoY.Column), cc = results.Column(SweepColumns.Case);
        int fc = results.Column(SweepColumns.Feasible), pc = results.Column(SweepStudy.Pareto), rc = results.Column(SweepColumns.Role);
        var rows = results.Rows.Where(r => r[cc] == @case && SweepResults.Number(r[xc]) is not null && SweepResults.Number(r[yc]) is not null).ToList();
        var plot = new PlotModel
        {
            Title = $"Pareto front: {spec.ParetoX} vs {spec.ParetoY}",
            Subtitle = $"{model}, case {@case} (prefill:decode), simulated; {rows.Count(r => r[pc] == "yes")} of {rows.Count} points on the front",
            Background = OxyColors.White,
            DefaultFont = TimelinePlot.FontFamily,
            Padding = new OxyThickness(8, 8, 24, 8),
        };
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = spec.ParetoX.Column, MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.05, MaximumPadding = 0.05 });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = spec.ParetoY.Column, MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.08, MaximumPadding = 0.08, AxisTitleDistance = 12 });

        ScatterSeries Dots(string title, OxyColor color, MarkerType marker, double size) =>
            new() { Title = title, MarkerFill = color, MarkerType = marker, MarkerSize = size, MarkerStroke = marker == MarkerType.Circle ? OxyColors.Undefined : color };
        var feasible = Dots("feasible", OxyColor.Parse("#1f77b4"), MarkerType.Circle, 4);
        var infeasible = Dots("no known device holds it", OxyColor.Parse("#b0b0b0"), MarkerType.Circle, 4);
        var baseline = Dots("baseline", OxyColor.Parse("#d62728"), MarkerType.Diamond, 7);
        foreach (var r in rows)
        {
            var p = new ScatterPoint(SweepResults.Number(r[xc])!.Value, SweepResults.Number(r[yc])!.Value);
            (r[fc] == "yes" ? feasible : infeasible).Points.Add(p);
            if (r[rc] == SweepColumns.BaselineRole) baseline.Points.Add(p);
        }
        var front = new LineSeries { Title = "Pareto front", Color = OxyColor.Parse("#ff7f0e"), StrokeThickness = 2, MarkerType = MarkerType.Square, MarkerSize = 4, MarkerFill = OxyColor.Parse("#ff7f0e") };
        foreach (var r in rows.Where(r => r[pc] == "yes").OrderBy(r => SweepResults.Number(r[xc])))
            front.Points.Add(new DataPoint(SweepResults.Number(r[xc])!.Value, SweepResults.Number(r[yc])!.Value));
        if (infeasible.Points.Count > 0) plot.Series.Add(infeasible);
        plot.Series.Add(feasible);
        plot.Series.Add(front);
        if (baseline.Points.Count > 0) plot.Series.Add(baseline);
        // Outside the axes, so the legend never hides the front (which sits at a corner by nature).
        plot.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside, LegendPadding = 12 });
        return plot;
    }

    public static IReadOnlyList<string> Write(string dir, SweepResults results, SweepSpec spec, string model)
    {
        var plot = Build(results, spec, model);
        var png = Path.Combine(dir, Name + ".png");
        var svg = Path.Combine(dir, Name + ".svg");
        PlotExport.Png(plot, png, Width, Height);
        PlotExport.Svg(plot, svg, Width, Height);
        return [png, svg];
    }
}
