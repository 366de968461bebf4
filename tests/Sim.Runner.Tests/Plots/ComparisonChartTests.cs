using Sim.Runner.Plots;
using Sim.Runner.Reporting;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Tests.Plots;

public sealed class ComparisonChartTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-chart-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static IReadOnlyList<(FpgaCase, IReadOnlyList<HardwareColumn>)> Rows() =>
    [
        (new FpgaCase(128, 512), [new("GPU-naive", new CaseResult(128, 512, 26.1, 11316.9)), new("GPU-opt", null), new("VHK158 FPGA", new CaseResult(128, 512, 289.9, 4946.4))]),
        (new FpgaCase(512, 512), [new("GPU-naive", null), new("GPU-opt", null), new("VHK158 FPGA", new CaseResult(512, 512, 1200.0, 5000.0))]),
    ];

    [Fact]
    public void Na_columns_are_left_out()
    {
        var model = ComparisonChart.Build("llama2-7B", Rows());
        var series = model.Series.OfType<OxyPlot.Series.BarSeries>().ToList();
        Assert.Equal(["GPU-naive", "VHK158 FPGA"], series.Select(s => s.Title));
        Assert.Equal([(0, 11316.9 + 26.1)], series[0].Items.Select(i => (i.CategoryIndex, i.Value)).Select(x => (x.CategoryIndex, Math.Round(x.Value, 6))));
        Assert.Equal([0, 1], series[1].Items.Select(i => i.CategoryIndex));
        Assert.Equal(6200.0, series[1].Items[1].Value, 9);
    }

    [Fact]
    public void Writes_png_and_svg()
    {
        var files = ComparisonChart.Write(_dir, "llama2-7B", Rows());
        Assert.Equal(["comparison.png", "comparison.svg"], files.Select(Path.GetFileName));
        Assert.Equal(0x89, File.ReadAllBytes(files[0])[0]);
        var svg = File.ReadAllText(files[1]);
        Assert.Contains("128 : 512", svg);
        Assert.Contains("VHK158 FPGA", svg);
        Assert.DoesNotContain("GPU-opt", svg);
    }
}
