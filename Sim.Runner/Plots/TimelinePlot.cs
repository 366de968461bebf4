using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Sim.Vhk158.Analysis;
using Sim.Vhk158.Isa;

namespace Sim.Runner.Plots;

/// <summary>
/// The timeline figure: on top one row per module (LD, ST, MM, MV, MISC, SYS, every row present
/// even when idle) with a bar per busy run coloured by layer kind; below it the busy percentage
/// of each module per time bin. Time in ms on the shared bottom axis.
/// </summary>
public static class TimelinePlot
{
    public const int Width = 1600, Height = 900;

    /// <summary>Sans-serif present on most Linux installs (fonts-dejavu); others fall back to their default.</summary>
    public const string FontFamily = "DejaVu Sans";

    /// <summary>Bars narrower than this share of the window are drawn this wide, so short runs stay visible.</summary>
    public const double MinBarShare = 1.0 / 2000;

    private const string TimeAxis = "time", ModuleAxis = "modules", UtilAxis = "util", KindLegend = "kinds", ModuleLegend = "modules";

    public static PlotModel Build(Timeline timeline, UtilizationProfile utilization, string title, string subtitle)
    {
        var model = new PlotModel
        {
            Title = title,
            Subtitle = subtitle,
            Background = OxyColors.White,
            DefaultFont = FontFamily,
            DefaultFontSize = 14,
            TitleFontSize = 18,
            SubtitleFontSize = 13,
            PlotMargins = new OxyThickness(double.NaN, double.NaN, double.NaN, double.NaN),
        };
        model.Axes.Add(new LinearAxis
        {
            Key = TimeAxis,
            Position = AxisPosition.Bottom,
            Title = "time (ms)",
            Minimum = timeline.Start,
            Maximum = timeline.End > timeline.Start ? timeline.End : timeline.Start + 1,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromAColor(40, OxyColors.Black),
            MinorTickSize = 0,
        });
        // Category 0 (LD) at the top: the axis runs from its end position down to its start.
        var modules = new CategoryAxis
        {
            Key = ModuleAxis,
            Position = AxisPosition.Left,
            Title = "unit",
            StartPosition = 1,
            EndPosition = 0.36,
            GapWidth = 0.3,
            IsZoomEnabled = false,
            IsPanEnabled = false,
            MajorGridlineStyle = LineStyle.None,
        };
        foreach (var unit in timeline.Units) modules.Labels.Add(unit.Name);
        model.Axes.Add(modules);
        model.Axes.Add(new LinearAxis
        {
            Key = UtilAxis,
            Position = AxisPosition.Left,
            Title = "busy (%)",
            StartPosition = 0,
            EndPosition = 0.28,
            Minimum = 0,
            Maximum = 105,
            MajorStep = 25,
            MinorTickSize = 0,
            IsZoomEnabled = false,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Black),
        });
        model.Legends.Add(new Legend
        {
            Key = KindLegend,
            LegendTitle = "layer kind",
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightTop,
            LegendBackground = OxyColors.White,
            LegendBorder = OxyColors.Gray,
        });
        model.Legends.Add(new Legend
        {
            Key = ModuleLegend,
            LegendTitle = "module busy",
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightBottom,
            LegendBackground = OxyColors.White,
            LegendBorder = OxyColors.Gray,
        });

        AddRuns(model, timeline);
        AddUtilization(model, utilization);
        return model;
    }

    private static void AddRuns(PlotModel model, Timeline timeline)
    {
        var palette = new Palette();
        double minWidth = timeline.Span * MinBarShare;
        var series = new Dictionary<string, IntervalBarSeries>();
        foreach (var kind in Palette.LegendOrder(timeline.Kinds()))
        {
            var s = new IntervalBarSeries
            {
                Title = kind,
                FillColor = palette.Kind(kind),
                StrokeThickness = 0,
                LabelFormatString = null, // no text on the bars
                XAxisKey = TimeAxis,
                YAxisKey = ModuleAxis,
                LegendKey = KindLegend,
            };
            series[kind] = s;
            model.Series.Add(s);
        }
        for (int m = 0; m < timeline.Units.Count; m++)
        {
            foreach (var run in timeline.Runs(m))
            {
                double end = Math.Max(run.End, run.Start + minWidth);
                var s = series[timeline.Groups[run.Group].Kind];
                s.Items.Add(new IntervalBarItem { CategoryIndex = m, Start = run.Start, End = end, Color = Shade(s.FillColor, run) });
            }
        }
    }

    /// <summary>
    /// A run with idle gaps merged in is drawn fainter: opacity grows with the square root of its
    /// busy share (busy time / span), from 35% for an almost idle run to 100% for a solid one.
    /// </summary>
    public static OxyColor Shade(OxyColor color, BusyRun run)
    {
        double share = run.Span > 0 ? Math.Clamp(run.Busy / run.Span, 0, 1) : 1;
        return OxyColor.FromAColor((byte)Math.Round(255 * (0.35 + 0.65 * Math.Sqrt(share))), color);
    }

    private static void AddUtilization(PlotModel model, UtilizationProfile utilization)
    {
        for (int m = 0; m < utilization.Units.Count; m++)
        {
            var unit = utilization.Units[m];
            var line = new StairStepSeries
            {
                Title = unit.Name,
                Color = Palette.Unit(unit, m),
                StrokeThickness = 1.5,
                XAxisKey = TimeAxis,
                YAxisKey = UtilAxis,
                LegendKey = ModuleLegend,
            };
            for (int b = 0; b < utilization.Bins; b++)
                line.Points.Add(new DataPoint(utilization.BinStart(b), 100 * utilization.Fraction(m, b)));
            if (utilization.Bins > 0)
                line.Points.Add(new DataPoint(utilization.BinStart(utilization.Bins), 100 * utilization.Fraction(m, utilization.Bins - 1)));
            model.Series.Add(line);
        }
    }
}
