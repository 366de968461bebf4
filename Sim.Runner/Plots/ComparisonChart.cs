using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Sim.Runner.Reporting;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Plots;

/// <summary>
/// The comparison as a grouped bar chart: per case, one bar per hardware column (GPU-naive,
/// GPU-opt, VHK158 FPGA) showing the total time in ms. Columns without a result (n/a) are left
/// out: a column with no result in any case gets no series, one missing in some cases no bar there.
/// </summary>
public static class ComparisonChart
{
    public const int Width = 1200, Height = 700;

    private static readonly Dictionary<string, OxyColor> Colors = new()
    {
        ["GPU-naive"] = OxyColor.Parse("#7f7f7f"),
        ["GPU-opt"] = OxyColor.Parse("#1f77b4"),
        ["VHK158 FPGA"] = OxyColor.Parse("#d62728"),
    };

    public static PlotModel Build(string model, IReadOnlyList<(FpgaCase Case, IReadOnlyList<HardwareColumn> Columns)> cases)
    {
        var plot = new PlotModel
        {
            Title = $"{model}: total time per case (batch 1)",
            Subtitle = "prefill + decode, ms; n/a columns left out",
            Background = OxyColors.White,
            DefaultFont = TimelinePlot.FontFamily,
            DefaultFontSize = 14,
            TitleFontSize = 18,
            SubtitleFontSize = 13,
        };
        // Bars run horizontally: cases on the left axis (first case on top), time along the bottom.
        var caseAxis = new CategoryAxis { Position = AxisPosition.Left, Title = "case (prefill : decode)", StartPosition = 1, EndPosition = 0, GapWidth = 0.4, AxisTitleDistance = 10 };
        foreach (var (c, _) in cases) caseAxis.Labels.Add($"{c.Prefill} : {c.Decode}");
        plot.Axes.Add(caseAxis);
        plot.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Title = "total time (ms)",
            Minimum = 0,
            MaximumPadding = 0.12, // room for the value labels
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromAColor(40, OxyColors.Black),
        });
        plot.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop, LegendBorder = OxyColors.Gray });

        var names = cases.SelectMany(c => c.Columns.Select(col => col.Name)).Distinct().ToList();
        foreach (var name in names)
        {
            var series = new BarSeries
            {
                Title = name,
                FillColor = Colors.TryGetValue(name, out var color) ? color : OxyColors.Automatic,
                StrokeThickness = 0,
                LabelFormatString = "{0:0.0}",
                LabelPlacement = LabelPlacement.Outside,
                FontSize = 12,
            };
            for (int i = 0; i < cases.Count; i++)
                if (cases[i].Columns.FirstOrDefault(col => col.Name == name)?.Result is { } result)
                    series.Items.Add(new BarItem(result.TotalMs, i));
            if (series.Items.Count > 0) plot.Series.Add(series);
        }
        return plot;
    }

    /// <summary>Writes PNG and SVG into <paramref name="dir"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string dir, string model, IReadOnlyList<(FpgaCase Case, IReadOnlyList<HardwareColumn> Columns)> cases)
    {
        var chart = Build(model, cases);
        string png = Path.Combine(dir, "comparison.png"), svg = Path.Combine(dir, "comparison.svg");
        PlotExport.Png(chart, png, Width, Height);
        PlotExport.Svg(Build(model, cases), svg, Width, Height);
        return [png, svg];
    }
}
