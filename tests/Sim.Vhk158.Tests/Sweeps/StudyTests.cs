using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Feasibility;
using Sim.Vhk158.Sweeps.Specs;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>Studies over merged results: feasibility, the Pareto front, baseline deltas and the heatmap grid.</summary>
public sealed class StudyTests
{
    [Fact]
    public void The_reference_config_needs_8192_DSPs_which_only_the_U280_has()
    {
        var need = ResourceEstimate.Of(TestWorkloads.Config());
        Assert.Equal(8192, need.Dsp()); // 4 cores x 4,096 MACs / 2 per DSP (boards.md §1.1)
        Assert.Equal("37.77", FeasibilityCheck.Mib(need.OnChipBytes)); // 4 x (8 + 1 + 0.125 + 0.0625 + 0.004 + 0.25) MiB
        var fit = FeasibilityCheck.Of(need, DeviceCatalog.All);
        Assert.Equal(["U280"], fit.FitsOn);
        Assert.Equal("", fit.Reason);
        Assert.Contains("VHK158: 4 cores x 4096 MACs need 8192 DSP58, it has 7392", fit.Reasons);
    }

    [Fact]
    public void Points_no_device_holds_are_marked_with_each_devices_reason()
    {
        var wide = FeasibilityCheck.Of(ResourceEstimate.Of(TestWorkloads.With(("MV_PARALLEL_N", "512"))), DeviceCatalog.All);
        Assert.False(wide.Feasible);
        Assert.Equal("VHK158: 4 cores x 8192 MACs need 16384 DSP58, it has 7392; U280: 4 cores x 8192 MACs need 16384 DSP48E2, it has 9024", wide.Reason);
        var one = FeasibilityCheck.Of(ResourceEstimate.Of(TestWorkloads.With(("SLR_NUM", "1"))), DeviceCatalog.All);
        Assert.Equal(["VHK158", "U280"], one.FitsOn);
        var big = FeasibilityCheck.Of(ResourceEstimate.Of(TestWorkloads.With(("SLR_NUM", "1"), ("HBM_TOTAL_SIZE_GB", "16"))), DeviceCatalog.All);
        Assert.Equal(["VHK158"], big.FitsOn);
        Assert.Contains("U280: HBM_TOTAL_SIZE_GB 16 > its 8 GB", big.Reasons);
    }

    [Fact]
    public void The_Pareto_front_keeps_the_points_nothing_beats_on_both_objectives()
    {
        (double, double)[] points = [(10, 100), (20, 100), (20, 200), (30, 300), (25, 300), (5, 50), (30, 300)];
        var front = ParetoFront.Of(points, new ParetoObjective("x", true), new ParetoObjective("y", false));
        Assert.Equal([false, true, false, true, false, true, true], front);
        var maxBoth = ParetoFront.Of(points, new ParetoObjective("x", true), new ParetoObjective("y", true));
        Assert.Equal([false, false, false, true, false, false, true], maxBoth);
    }

    private static readonly SweepSpec Spec = new()
    {
        Config = "c", Model = "m", Cases = [new FpgaCase(16, 16)],
        Axes = [new SweepAxis("A", ["1", "2"]), new SweepAxis("B", ["x", "y"])],
    };

    private static SweepResults Results()
    {
        IReadOnlyList<string> Row(int point, string a, string b, string tps, string dsp, string feasible, string error = "")
        {
            var cells = SweepColumns.Header(["A", "B"]).Select(_ => "").ToArray();
            var h = SweepColumns.Header(["A", "B"]).ToList();
            cells[h.IndexOf("point")] = point.ToString();
            cells[h.IndexOf("role")] = point == 0 ? "baseline" : "point";
            cells[h.IndexOf("A")] = a;
            cells[h.IndexOf("B")] = b;
            cells[h.IndexOf("case")] = "16:16";
            cells[h.IndexOf("decode_tokens_per_s")] = tps;
            cells[h.IndexOf("total_ms")] = tps.Length == 0 ? "" : "100";
            cells[h.IndexOf("dsp")] = dsp;
            cells[h.IndexOf("feasible")] = feasible;
            cells[h.IndexOf("error")] = error;
            return cells;
        }
        return new SweepResults(SweepColumns.Header(["A", "B"]),
        [
            Row(0, "1", "x", "100", "8192", "yes"),
            Row(1, "1", "x", "100", "8192", "yes"),
            Row(2, "1", "y", "150", "4096", "yes"),
            Row(3, "2", "x", "300", "16384", "no"),
            Row(4, "2", "y", "", "", "", "bad point"),
        ]);
    }

    [Fact]
    public void Study_columns_give_the_baseline_the_delta_and_the_front_of_feasible_points()
    {
        var study = SweepStudy.Apply(Results(), Spec);
        string Cell(int row, string column) => study.Rows[row][study.Column(column)];
        Assert.Equal("error", study.Header[^1]);
        Assert.Equal(["100", "100", "100", "100", "100"], study.Rows.Select((_, i) => Cell(i, SweepStudy.BaselineTokensPerSecond)));
        Assert.Equal(["0", "0", "50", "200", ""], study.Rows.Select((_, i) => Cell(i, SweepStudy.DeltaTokensPerSecondPct)));
        // Point 2 beats the baseline on both; point 3 is faster still but no device holds it.
        Assert.Equal(["", "", "yes", "", ""], study.Rows.Select((_, i) => Cell(i, SweepStudy.Pareto)));
    }

    [Fact]
    public void The_heatmap_grid_has_a_cell_per_pair_and_leaves_out_the_baseline()
    {
        var grid = HeatmapGrid.Of(Results(), Spec)!;
        Assert.Equal(("A", "B", "16:16"), (grid.XKey, grid.YKey, grid.Case));
        Assert.Equal(100, grid.Cells[0, 0]);
        Assert.Equal(150, grid.Cells[0, 1]);
        Assert.Equal(300, grid.Cells[1, 0]);
        Assert.Null(grid.Cells[1, 1]); // the point failed
        Assert.False(grid.Averaged);
        Assert.Null(HeatmapGrid.Of(Results(), Spec with { Axes = [Spec.Axes[0]] }));
    }
}
