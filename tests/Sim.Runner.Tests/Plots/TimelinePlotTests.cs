using System.Text.RegularExpressions;
using Sim.Runner.Plots;
using Sim.Vhk158.Analysis;
using Sim.Vhk158.Isa;

namespace Sim.Runner.Tests.Plots;

public sealed class TimelinePlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-plot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static OxyPlot.PlotModel Model(Timeline t) =>
        TimelinePlot.Build(t.Merge(t.Span / 2000), UtilizationProfile.Compute(t, 50), "decode 16", "test");

    private static IReadOnlyList<string> SvgTexts(string svg) =>
        Regex.Matches(svg, "<text[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void Svg_labels_every_module_row_and_every_layer_kind()
    {
        var t = DecodeTimeline.Lossless;
        Assert.Empty(t.Runs((int)Module.MM)); // decode never uses MM: its row must still be there
        var texts = SvgTexts(PlotExport.SvgText(Model(t), TimelinePlot.Width, TimelinePlot.Height));

        for (int m = 0; m < ModuleSet.Count; m++) Assert.Contains(((Module)m).ToString(), texts);
        foreach (var kind in t.Kinds()) Assert.Contains(kind, texts);
        Assert.Contains("time (ms)", texts);
        Assert.Contains("decode 16", texts);
    }

    [Fact]
    public void Svg_is_deterministic()
    {
        var t = DecodeTimeline.Lossless;
        Assert.Equal(PlotExport.SvgText(Model(t), 800, 600), PlotExport.SvgText(Model(t), 800, 600));
    }

    /// <summary>Also checks that SkiaSharp's native library loads (the NoDependencies package).</summary>
    [Fact]
    public void Png_is_written_with_the_png_signature()
    {
        var path = Path.Combine(_dir, "t.png");
        PlotExport.Png(Model(DecodeTimeline.Lossless), path, 640, 360);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Every_run_becomes_one_bar_of_its_kind()
    {
        var t = DecodeTimeline.Lossless.Merge(DecodeTimeline.Lossless.Span / 2000);
        var bars = Model(DecodeTimeline.Lossless).Series.OfType<OxyPlot.Series.IntervalBarSeries>().ToList();
        Assert.Equal(t.RunCount, bars.Sum(s => s.Items.Count));
        Assert.Equal(t.Kinds().OrderBy(k => k), bars.Select(s => s.Title).OrderBy(k => k));
        foreach (var s in bars)
            Assert.All(s.Items, i => Assert.InRange(i.CategoryIndex, 0, ModuleSet.Count - 1));
    }
}
