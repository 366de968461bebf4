using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using Sim.Runner.Plots;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Runner.Reporting;

/// <summary>
/// A result column over two swept keys as a heatmap (PNG and SVG): one cell per pair of values,
/// coloured on a sequential scale and labelled with its value; pairs no valid point reached stay
/// blank. Category axes keep the spec's value order, so uneven steps are not stretched.
/// </summary>
public static class SweepHeatmap
{
    public const string Name = "heatmap";
    public const int Width = 900, Height = 650;

    public static PlotModel Build(HeatmapGrid grid, string model)
    {
        var plot = new PlotModel
        {
            Title = $"{grid.Value} over {grid.XKey} × {grid.YKey}",
            Subtitle = $"{model}, case {grid.Case} (prefill:decode), simulated" + (grid.Averaged ? "; each cell the mean over the other swept keys" : ""),
            Background = OxyColors.White,
            DefaultFont = TimelinePlot.FontFamily,
            Padding = new OxyThickness(8, 8, 24, 8),
        };
        plot.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = grid.XKey, Key = "x", ItemsSource = grid.Xs, GapWidth = 0, AxisTitleDistance = 8 });
        plot.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = grid.YKey, Key = "y", ItemsSource = grid.Ys, GapWidth = 0, AxisTitleDistance = 12 });
        plot.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalettes.Viridis(200), Title = grid.Value, InvalidNumberColor = OxyColors.White, AxisTitleDistance = 8 });
        var data = new double[grid.Xs.Count, grid.Ys.Count];
        for (int i = 0; i < grid.Xs.Count; i++)
        for (int j = 0; j < grid.Ys.Count; j++)
            data[i, j] = grid.Cells[i, j] ?? double.NaN;
        plot.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = grid.Xs.Count - 1, Y0 = 0, Y1 = grid.Ys.Count - 1,
            Data = data,
            RenderMethod = HeatMapRenderMethod.Rectangles,
            LabelFontSize = grid.Xs.Count * grid.Ys.Count <= 100 ? 0.18 : 0,
            LabelFormatString = "0.##",
            XAxisKey = "x",
            YAxisKey = "y",
        });
        return plot;
    }

    public static IReadOnlyList<string> Write(string dir, HeatmapGrid grid, string model)
    {
        var plot = Build(grid, model);
        var png = Path.Combine(dir, Name + ".png");
        var svg = Path.Combine(dir, Name + ".svg");
        PlotExport.Png(plot, png, Width, Height);
        PlotExport.Svg(plot, svg, Width, Height);
        return [png, svg];
    }

}
