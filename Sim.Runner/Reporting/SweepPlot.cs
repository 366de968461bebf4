using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Sim.Core.IO;

namespace Sim.Runner.Reporting;

/// <summary>
/// The line plot of a one-key sweep: decode tokens/s against the key's values, one line per
/// case, as SVG (OxyPlot's own exporter, no native code). Numeric values get a linear axis,
/// others a category axis in the order given.
/// </summary>
public static class SweepPlot
{
    public static void Write(string path, string key, IReadOnlyList<string> values, IReadOnlyList<SweepRow> rows, string model)
    {
        var cases = rows.Select(r => r.Case).Distinct().ToList();
        bool numeric = values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var plot = new PlotModel
        {
            Title = $"Decode throughput vs {key}",
            Subtitle = $"{model} on the VHK158 (simulated), batch 1" + (cases.Count == 1 ? $", prefill {cases[0].Prefill}, decode {cases[0].Decode}" : ""),
            Background = OxyColors.White,
            DefaultFont = "Arial",
            // Room for viewers whose fallback font is wider than the Arial metrics OxyPlot measures with.
            Padding = new OxyThickness(8, 8, 32, 8),
            TitlePadding = 16,
        };
        if (numeric)
            plot.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = key, AxisTitleDistance = 8, MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.05, MaximumPadding = 0.05 });
        else
            plot.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = key, AxisTitleDistance = 8, ItemsSource = values });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "decode tokens/s", AxisTitleDistance = 16, MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.1, MaximumPadding = 0.1 });

        foreach (var group in rows.Where(r => r.Result is not null).GroupBy(r => r.Case))
        {
            var series = new LineSeries { Title = group.Key.ToString(), MarkerType = MarkerType.Circle, MarkerSize = 4 };
            foreach (var row in group)
            {
                var v = row.Point.Value(key);
                double x = numeric ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : values.ToList().IndexOf(v);
                series.Points.Add(new DataPoint(x, row.Result!.Latency.TokensPerSecond));
            }
            plot.Series.Add(series);
        }
        if (cases.Count > 1)
            plot.Legends.Add(new Legend
            {
                LegendTitle = "case (P:D)",
                LegendPosition = LegendPosition.RightTop,
                LegendPlacement = LegendPlacement.Outside,
                LegendPadding = 16, // slack for wider fallback fonts: the legend clips its text to the measured box
            });
        // The workaround places text by explicit offsets, for viewers without dominant-baseline support.
        var svg = new SvgExporter { Width = 800, Height = 500, UseVerticalTextAlignmentWorkaround = true }.ExportToString(plot);
        AtomicFile.WriteAllText(path, svg);
    }
}
