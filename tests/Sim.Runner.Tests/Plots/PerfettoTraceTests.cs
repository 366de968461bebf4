using System.Text.Json;
using Sim.Runner.Reporting;
using Sim.Vhk158.Analysis;
using Sim.Vhk158.Isa;

namespace Sim.Runner.Tests.Plots;

public class PerfettoTraceTests
{
    private static (JsonDocument Doc, Timeline Timeline) Trace()
    {
        var lossless = DecodeTimeline.Lossless;
        var t = lossless.Merge(lossless.Span / 2000);
        using var stream = new MemoryStream();
        PerfettoTrace.Write(stream, [new PerfettoTrace.Process("decode 16", t, UtilizationProfile.Compute(lossless, 20))]);
        return (JsonDocument.Parse(stream.ToArray()), t);
    }

    [Fact]
    public void Parses_with_one_named_track_per_module()
    {
        var (doc, _) = Trace();
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var threads = events.Where(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name")
            .Select(e => (Tid: e.GetProperty("tid").GetInt32(), Name: e.GetProperty("args").GetProperty("name").GetString()))
            .ToList();
        Assert.Equal(Enum.GetNames<Module>().OrderBy(n => n), threads.Select(t => t.Name!).OrderBy(n => n));
        Assert.Equal(threads.Count, threads.Select(t => t.Tid).Distinct().Count());
        Assert.Single(events, e => e.GetProperty("name").GetString() == "process_name");
    }

    [Fact]
    public void One_slice_per_run_inside_the_bucket_and_not_overlapping_on_a_track()
    {
        var (doc, t) = Trace();
        var slices = doc.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.GetProperty("ph").GetString() == "X")
            .Select(e => (Tid: e.GetProperty("tid").GetInt32(), Ts: e.GetProperty("ts").GetDouble(), Dur: e.GetProperty("dur").GetDouble(),
                          Name: e.GetProperty("name").GetString()!, Instructions: e.GetProperty("args").GetProperty("instructions").GetInt64()))
            .ToList();
        Assert.Equal(t.RunCount, slices.Count);
        double totalUs = DecodeTimeline.Profile.TotalMs * 1000;
        Assert.All(slices, s =>
        {
            Assert.InRange(s.Ts, 0, totalUs + 0.001);
            Assert.InRange(s.Ts + s.Dur, s.Ts, totalUs + 0.001);
        });
        foreach (var track in slices.GroupBy(s => s.Tid))
        {
            var list = track.OrderBy(s => s.Ts).ToList();
            for (int i = 1; i < list.Count; i++) Assert.True(list[i].Ts >= list[i - 1].Ts + list[i - 1].Dur - 1e-9, $"overlap on tid {track.Key} at {list[i].Ts}");
        }
        Assert.Equal(DecodeTimeline.Profile.TotalCount, slices.Sum(s => s.Instructions));
        Assert.Contains(slices, s => s.Name == "round_1_q_proj_layer_0");
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var lossless = DecodeTimeline.Lossless;
        byte[] Write()
        {
            using var s = new MemoryStream();
            PerfettoTrace.Write(s, [new PerfettoTrace.Process("p", lossless, UtilizationProfile.Compute(lossless, 10))]);
            return s.ToArray();
        }
        Assert.Equal(Write(), Write());
    }
}
