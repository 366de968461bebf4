using Sim.Vhk158.Analysis;
using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Tests.Analysis;

public class UtilizationProfileTests
{
    private static Timeline OneRun(BusyRun run, double total)
    {
        var runs = Enumerable.Range(0, ModuleSet.Count).Select(_ => Array.Empty<BusyRun>()).ToArray();
        runs[(int)Module.MM] = [run];
        return new Timeline(runs, TimelineTestUnits.Layout.Units, [new TimelineGroup(0, "x_0", "linear", 0)], 0, total, total, 0);
    }

    [Fact]
    public void A_solid_run_fills_exactly_its_bins()
    {
        var u = UtilizationProfile.Compute(OneRun(new BusyRun(1, 3, 2, 0, 5), 4), 4);
        Assert.Equal([0.0, 1, 1, 0], Enumerable.Range(0, 4).Select(b => u.Fraction(Module.MM, b)));
        Assert.Equal(0, u.Fraction(Module.LD, 1));
        Assert.Equal(1, u.BinWidth);
    }

    [Fact]
    public void A_merged_run_spreads_its_busy_time_over_its_span()
    {
        var u = UtilizationProfile.Compute(OneRun(new BusyRun(0, 2, 0.5, 0, 3), 4), 2);
        Assert.Equal(0.25, u.Fraction(Module.MM, 0), 12);
        Assert.Equal(0, u.Fraction(Module.MM, 1));
        Assert.Equal(0.5, u.BusyMs(Module.MM, 0), 12);
    }

    /// <summary>A real bucket: per module, the bins add up to the profiler's busy time and no bin is over 100%.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(200)]
    [InlineData(1000)]
    public void Bins_of_a_simulated_bucket_add_up_to_the_busy_time(int bins)
    {
        var source = new GeneratedSource(TestWorkloads.Model, TestWorkloads.SyntheticMasks);
        var (timeline, profile) = TimelineCapture.Record(new SimulationPipeline(TestWorkloads.Config(), source, cache: null), new Bucket(Stage.Decode, 64));
        var u = UtilizationProfile.Compute(timeline, bins);

        Assert.Equal(bins, u.Bins);
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            var module = (Module)m;
            double sum = Enumerable.Range(0, bins).Sum(b => u.BusyMs(module, b));
            Assert.Equal(profile.BusyMs(module), sum, 1e-9 * Math.Max(1, profile.BusyMs(module)));
            Assert.Equal(profile.Count(module), timeline.Instructions(module));
            Assert.All(Enumerable.Range(0, bins), b => Assert.InRange(u.Fraction(module, b), 0, 1 + 1e-9));
        }
        Assert.Equal(profile.TotalMs, timeline.End);
    }

    [Fact]
    public void Layer_kinds_of_a_decode_program_follow_the_fusion()
    {
        var groups = FusionPlanner.Plan(TestWorkloads.Program(Stage.Decode, 16).Layers, "test").ToList();
        string KindOf(string part) => LayerKinds.Of(groups.First(g => g.Layer.Name.Contains(part, StringComparison.Ordinal)));

        Assert.Equal("layernorm", KindOf("input_layer_norm_layer_0"));
        Assert.Equal("linear+rope", KindOf("q_proj_layer_0"));
        Assert.Equal("linear", KindOf("v_proj_layer_0"));
        Assert.Equal("attention+softmax", KindOf("attention_qkt_0"));
        Assert.Equal("linear+silu", KindOf("gate_layer_0"));
        Assert.Equal("linear+eltwise", KindOf("down_layer_0"));
        Assert.All(groups, g => Assert.Contains(LayerKinds.Of(g), LayerKinds.Known));
    }
}
