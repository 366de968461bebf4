using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Sim.Runner.Plots;
using Sim.Vhk158.Sweeps;

namespace Sim.Runner.Reporting;

/// <summary>
/// The line plot of a one-key sweep: decode tokens/s against the key's values, one line per
/// case, as SVG. Numeric values get a linear axis, others a category axis in the order given.
/// The baseline row is left out (it repeats a value or sits off the axis).
/// </summary>
public static class SweepPlot
{
    public const string FileName = "sweep.svg";

    public static void Write(string path, string key, IReadOnlyList<string> values, SweepResults results, string model)
    {
        int kc = results.Column(key), cc = results.Column(SweepColumns.Case), tc = results.Column(SweepColumns.DecodeTokensPerSecond);
        int rc = results.Column(SweepColumns.Role);
        var rows = results.Rows.Where(r => r[rc] == SweepColumns.PointRole && SweepResults.Number(r[tc]) is not null).ToList();
        var cases = results.Rows.Select(r => r[cc]).Distinct().ToList();
        bool numeric = values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var plot = new PlotModel
        {
            Title = $"Decode throughput vs {key}",
            Subtitle = $"{model} on the VHK158 (simulated), batch 1" + (cases.Count == 1 ? $", case {cases[0]} (prefill:decode)" : ""),
            Background = OxyColors.White,
            DefaultFont = TimelinePlot.FontFamily,
            Padding = new OxyThickness(8, 8, 32, 8),
            TitlePadding = 16,
        };
        if (numeric)
            plot.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = key, AxisTitleDistance = 8, MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.05, MaximumPadding = 0.05 });
        else
            plot.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = key, AxisTitleDistance = 8, ItemsSource = values });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "decode tokens/s", AxisTitleDistance = 16, MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.1, MaximumPadding = 0.1 });

        foreach (var group in rows.GroupBy(r => r[cc]))
        {
            var series = new LineSeries { Title = group.Key, MarkerType = MarkerType.Circle, MarkerSize = 4 };
            foreach (var row in group.OrderBy(r => values.ToList().IndexOf(r[kc])))
            {
                double x = numeric ? double.Parse(row[kc], NumberStyles.Float, CultureInfo.InvariantCulture) : values.ToList().IndexOf(row[kc]);
                series.Points.Add(new DataPoint(x, SweepResults.Number(row[tc])!.Value));
            }
            plot.Series.Add(series);
        }
        if (cases.Count > 1)
            plot.Legends.Add(new Legend { LegendTitle = "case (P:D)", LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside, LegendPadding = 16 });
        PlotExport.Svg(plot, path, 800, 500);
    }
}
