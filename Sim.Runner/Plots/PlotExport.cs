using System.Text;
using OxyPlot;
using Sim.Core.IO;

namespace Sim.Runner.Plots;

/// <summary>Writes a plot as PNG (SkiaSharp) or SVG (OxyPlot's own exporter), atomically.</summary>
public static class PlotExport
{
    /// <summary>What SVG viewers use when the plot's font is missing: Verdana has DejaVu Sans's metrics.</summary>
    private const string SvgFontFallback = ", Verdana, sans-serif";

    public static void Png(PlotModel model, string path, int width, int height) =>
        AtomicFile.Write(path, stream => new OxyPlot.SkiaSharp.PngExporter { Width = width, Height = height }.Export(model, stream));

    public static void Svg(PlotModel model, string path, int width, int height) =>
        AtomicFile.WriteAllText(path, SvgText(model, width, height));

    /// <summary>The SVG document; text is laid out with SkiaSharp's measurements (the PNG's) where its natives load.</summary>
    public static string SvgText(PlotModel model, int width, int height)
    {
        using var measurer = SkiaMeasurer();
        var exporter = new SvgExporter { Width = width, Height = height, UseVerticalTextAlignmentWorkaround = true };
        if (measurer is not null) exporter.TextMeasurer = measurer;
        using var buffer = new MemoryStream();
        exporter.Export(model, buffer);
        var svg = new UTF8Encoding(false).GetString(buffer.ToArray()).TrimStart('\uFEFF');
        var font = model.DefaultFont;
        return string.IsNullOrEmpty(font) ? svg : svg.Replace($"font-family=\"{font}\"", $"font-family=\"{font}{SvgFontFallback}\"", StringComparison.Ordinal);
    }

    private static OxyPlot.SkiaSharp.SkiaRenderContext? SkiaMeasurer()
    {
        try { return new OxyPlot.SkiaSharp.SkiaRenderContext(); }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            return null; // OxyPlot's built-in measurer: rougher widths, but the SVG needs no natives
        }
    }
}
