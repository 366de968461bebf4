using Sim.Vhk158.Analysis;
using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Tests.Analysis;

public class TimelineRecorderTests
{
    private static LayerGroup Group(int index, string name, LayerType type = LayerType.LinearMv, FusionKind fusion = FusionKind.None) =>
        new(index, new IrLayer(name, type, [], [], null, new IrStructure()), fusion, []);

    private static TimelineRecorder Recorder(LayerRange? range, double gap, params string[] groupNames)
    {
        var recorder = new TimelineRecorder(range, gap);
        recorder.Start(TimelineTestUnits.Layout);
        for (int i = 0; i < groupNames.Length; i++) recorder.BeginGroup(Group(i, groupNames[i]));
        return recorder;
    }

    /// <summary>LD: two touching, one after a gap, one touching but in the next group; MV: one.</summary>
    private static void Feed(TimelineRecorder r)
    {
        r.Record(Module.LD, 0, 1, 0);
        r.Record(Module.LD, 1, 2, 0);
        r.Record(Module.MV, 0.5, 1.5, 0);
        r.Record(Module.LD, 2.5, 3, 0);
        r.Record(Module.LD, 3, 4, 1);
    }

    [Fact]
    public void Back_to_back_instructions_of_one_group_merge_and_nothing_else_does()
    {
        var r = Recorder(null, 0, "round_1_q_proj_layer_0", "round_1_k_proj_layer_0");
        Feed(r);
        var t = r.Build(totalMs: 5);

        Assert.Equal([new BusyRun(0, 2, 2, 0, 2), new BusyRun(2.5, 3, 0.5, 0, 1), new BusyRun(3, 4, 1, 1, 1)], t.Runs(Module.LD));
        Assert.Equal([new BusyRun(0.5, 1.5, 1, 0, 1)], t.Runs(Module.MV));
        Assert.Empty(t.Runs(Module.MM));
        Assert.Equal((0.0, 5.0), (t.Start, t.End));
        Assert.Equal(3.5, t.BusyMs(Module.LD));
        Assert.Equal(4, t.Instructions(Module.LD));
    }

    [Fact]
    public void A_gap_up_to_the_threshold_merges_but_never_across_groups()
    {
        var r = Recorder(null, 0.5, "round_1_q_proj_layer_0", "round_1_k_proj_layer_0");
        Feed(r);
        var t = r.Build(5);

        // The idle half millisecond is inside the run: span 3, busy 2.5.
        Assert.Equal([new BusyRun(0, 3, 2.5, 0, 3), new BusyRun(3, 4, 1, 1, 1)], t.Runs(Module.LD));
        Assert.Equal(t.Runs(Module.LD), Recorder(null, 0, "a_0", "b_0").Also(Feed).Build(5).Merge(0.5).Runs(Module.LD));
    }

    [Fact]
    public void Merging_a_lossless_timeline_equals_recording_with_the_gap()
    {
        var rng = new Random(7);
        var records = new List<(Module M, double S, double E, int G)>();
        var free = new double[ModuleSet.Count];
        for (int i = 0; i < 3000; i++)
        {
            var m = (Module)rng.Next(ModuleSet.Count);
            double start = free[(int)m] + (rng.Next(3) == 0 ? 0 : rng.NextDouble() * 0.01);
            double end = start + rng.NextDouble() * 0.02;
            free[(int)m] = end;
            records.Add((m, start, end, Math.Min(4, i / 600)));
        }
        string[] names = ["g_0", "g_1", "g_2", "g_3", "g_4"];
        var lossless = Recorder(null, 0, names).Also(r => records.ForEach(x => r.Record(x.M, x.S, x.E, x.G))).Build(100);
        foreach (var gap in new[] { 0.001, 0.005, 0.02 })
        {
            var direct = Recorder(null, gap, names).Also(r => records.ForEach(x => r.Record(x.M, x.S, x.E, x.G))).Build(100);
            var merged = lossless.Merge(gap);
            for (int m = 0; m < ModuleSet.Count; m++)
            {
                Assert.Equal(direct.Runs((Module)m).Count, merged.Runs((Module)m).Count);
                for (int k = 0; k < direct.Runs((Module)m).Count; k++)
                {
                    var (a, b) = (direct.Runs((Module)m)[k], merged.Runs((Module)m)[k]);
                    Assert.Equal((a.Start, a.End, a.Group, a.Count), (b.Start, b.End, b.Group, b.Count));
                    Assert.Equal(a.Busy, b.Busy, 12);
                }
                Assert.Equal(lossless.Instructions((Module)m), merged.Instructions((Module)m));
                Assert.Equal(lossless.BusyMs((Module)m), merged.BusyMs((Module)m), 9);
            }
            Assert.True(merged.RunCount < lossless.RunCount);
        }
    }

    [Fact]
    public void A_layer_range_keeps_only_its_blocks_and_narrows_the_window()
    {
        var r = Recorder(new LayerRange(1, 2), 0,
            "round_1_q_proj_layer_0", "round_1_q_proj_layer_1", "round_1_softmax_2", "round_1_q_proj_layer_3", "round_1_final_layer_norm_layer_in_decoder");
        for (int g = 0; g < 5; g++) r.Record(Module.LD, g, g + 0.5, g);
        r.Record(Module.MV, 1.25, 2.75, 1);
        var t = r.Build(10);

        Assert.Equal([1, 2], t.Runs(Module.LD).Select(x => x.Group));
        Assert.Equal((1.0, 2.75), (t.Start, t.End));
        Assert.Equal(10, t.TotalMs);
        Assert.Equal(5, t.Groups.Count); // every group is known, for names and kinds
        Assert.Equal(new int?[] { 0, 1, 2, 3, null }, t.Groups.Select(x => x.Block));
    }

    [Fact]
    public void A_range_that_selects_nothing_gives_an_empty_timeline()
    {
        var r = Recorder(new LayerRange(40, 41), 0, "round_1_q_proj_layer_0");
        r.Record(Module.LD, 0, 1, 0);
        var t = r.Build(1);
        Assert.True(t.IsEmpty);
        Assert.Equal(0, t.Span);
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
