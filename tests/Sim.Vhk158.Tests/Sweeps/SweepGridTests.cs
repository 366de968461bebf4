using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Sweeps;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>Sweep axes, the grid of points, and configs with several keys set at once.</summary>
public class SweepGridTests
{
    [Fact]
    public void The_grid_is_every_combination_with_the_first_key_slowest()
    {
        var points = SweepGrid.Points([SweepAxis.Parse("CLOCK_FREQ_MHZ=200,300"), SweepAxis.Parse("HBM_BW_GB_PER_SEC = 409.6, 819.2 ,1638.4")]);
        Assert.Equal(
            ["CLOCK_FREQ_MHZ=200, HBM_BW_GB_PER_SEC=409.6", "CLOCK_FREQ_MHZ=200, HBM_BW_GB_PER_SEC=819.2", "CLOCK_FREQ_MHZ=200, HBM_BW_GB_PER_SEC=1638.4",
             "CLOCK_FREQ_MHZ=300, HBM_BW_GB_PER_SEC=409.6", "CLOCK_FREQ_MHZ=300, HBM_BW_GB_PER_SEC=819.2", "CLOCK_FREQ_MHZ=300, HBM_BW_GB_PER_SEC=1638.4"],
            points.Select(p => p.Label));
        Assert.Equal("1638.4", points[5].Value("HBM_BW_GB_PER_SEC"));
    }

    [Theory]
    [InlineData("CLOCK_FREQ_MHZ")]
    [InlineData("=200")]
    [InlineData("CLOCK_FREQ_MHZ=")]
    [InlineData("CLOCK_FREQ_MHZ=200,,300")]
    [InlineData("CLOCK_FREQ_MHZ=200,200")]
    public void Malformed_axes_are_input_errors(string text)
    {
        var e = Assert.Throws<InputException>(() => SweepAxis.Parse(text));
        Assert.Contains(text.Trim(), e.Message);
    }

    [Fact]
    public void A_key_given_twice_is_an_error_with_a_hint()
    {
        var e = Assert.Throws<InputException>(() => SweepGrid.Points([SweepAxis.Parse("SLR_NUM=1"), SweepAxis.Parse("SLR_NUM=2")]));
        Assert.Contains("SLR_NUM twice", e.Message);
        Assert.NotNull(e.Hint);
    }

    [Fact]
    public void Point_folders_are_distinct_file_names()
    {
        var plain = new SweepPoint([("CLOCK_FREQ_MHZ", "200")]);
        Assert.Equal("CLOCK_FREQ_MHZ=200", plain.FolderName);
        var a = new SweepPoint([("OUTPUT_DIR", "a/b")]);
        var b = new SweepPoint([("OUTPUT_DIR", "a_b")]);
        Assert.NotEqual(a.FolderName, b.FolderName);
        Assert.DoesNotContain('/', a.FolderName);
    }

    [Fact]
    public void Keys_that_must_change_together_can_be_set_together()
    {
        var config = TestWorkloads.Config();
        var alone = Assert.Throws<InputException>(() => HardwareConfigLoader.WithOverride(config, "B_BUFFER_DEPTH", "1024"));
        Assert.StartsWith("B_BUFFER_DEPTH=1024: ", alone.Message);
        var both = HardwareConfigLoader.WithOverrides(config, [("B_BUFFER_DEPTH", "1024"), ("META_BUFFER_DEPTH", "1024")]);
        Assert.Equal(1024, both.BBufferDepth);
        Assert.NotEqual(1024, config.BBufferDepth);
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.WithOverrides(config, [("CLOCK_FREQ_MHZ", "0"), ("SLR_NUM", "4")]));
        Assert.StartsWith("CLOCK_FREQ_MHZ=0, SLR_NUM=4: ", e.Message);
    }
}
