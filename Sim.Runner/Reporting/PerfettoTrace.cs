using System.Text.Json;
using Sim.Core.IO;
using Sim.Vhk158.Analysis;

namespace Sim.Runner.Reporting;

/// <summary>
/// A timeline as Chrome/Perfetto trace-event JSON (opens in ui.perfetto.dev and chrome://tracing):
/// one process per bucket, one thread track per unit of the machine (module queues per core,
/// channels, engines) named by "M" thread_name events (every unit, idle or not), one "X" slice per
/// busy run named after its layer, and a busy-% counter per unit from the utilization bins. Times are µs rounded to the ns.
/// </summary>
public static class PerfettoTrace
{
    /// <summary>One bucket's timeline: <paramref name="Name"/> names its process track.</summary>
    public sealed record Process(string Name, Timeline Timeline, UtilizationProfile? Utilization);

    public static void Write(string path, IReadOnlyList<Process> processes) =>
        AtomicFile.Write(path, stream => Write(stream, processes));

    public static void Write(Stream stream, IReadOnlyList<Process> processes)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("displayTimeUnit", "ns");
        w.WriteStartArray("traceEvents");
        for (int p = 0; p < processes.Count; p++)
        {
            int pid = p + 1;
            var (name, timeline, utilization) = processes[p];
            Metadata(w, "process_name", pid, 0, "name", name);
            Metadata(w, "process_sort_index", pid, 0, "sort_index", pid);
            for (int u = 0; u < timeline.Units.Count; u++)
            {
                Metadata(w, "thread_name", pid, Tid(u), "name", timeline.Units[u].Name);
                Metadata(w, "thread_sort_index", pid, Tid(u), "sort_index", u);
            }
            for (int u = 0; u < timeline.Units.Count; u++)
                foreach (var run in timeline.Runs(u))
                    Slice(w, pid, u, run, timeline.Groups[run.Group]);
            if (utilization is not null) Counters(w, pid, utilization);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Unit tracks count from 1: tid 0 is the process itself.</summary>
    public static int Tid(int unit) => unit + 1;

    /// <summary>ms to µs, rounded to the ns; start and end are rounded alike so slices never overlap.</summary>
    internal static double Micros(double ms) => Math.Round(ms * 1000, 3, MidpointRounding.ToEven);

    private static void Slice(Utf8JsonWriter w, int pid, int unit, BusyRun run, TimelineGroup group)
    {
        double ts = Micros(run.Start), end = Micros(run.End);
        w.WriteStartObject();
        w.WriteString("name", group.Layer);
        w.WriteString("cat", group.Kind);
        w.WriteString("ph", "X");
        w.WriteNumber("pid", pid);
        w.WriteNumber("tid", Tid(unit));
        w.WriteNumber("ts", ts);
        w.WriteNumber("dur", Math.Round(end - ts, 3));
        w.WriteStartObject("args");
        w.WriteString("kind", group.Kind);
        w.WriteNumber("group", group.Index);
        w.WriteNumber("instructions", run.Count);
        w.WriteNumber("busy_us", Micros(run.Busy));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Counters(Utf8JsonWriter w, int pid, UtilizationProfile utilization)
    {
        for (int u = 0; u < utilization.Units.Count; u++)
        {
            for (int b = 0; b <= utilization.Bins; b++)
            {
                // A closing sample at the window end drops the counter back to 0.
                double pct = b < utilization.Bins ? Math.Round(100 * utilization.Fraction(u, b), 2) : 0;
                w.WriteStartObject();
                w.WriteString("name", $"{utilization.Units[u].Name} busy %");
                w.WriteString("ph", "C");
                w.WriteNumber("pid", pid);
                w.WriteNumber("ts", Micros(utilization.BinStart(b)));
                w.WriteStartObject("args");
                w.WriteNumber("busy", pct);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
    }

    internal static void Metadata(Utf8JsonWriter w, string name, int pid, int tid, string key, string value)
    {
        MetadataStart(w, name, pid, tid);
        w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static void Metadata(Utf8JsonWriter w, string name, int pid, int tid, string key, int value)
    {
        MetadataStart(w, name, pid, tid);
        w.WriteNumber(key, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void MetadataStart(Utf8JsonWriter w, string name, int pid, int tid)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("ph", "M");
        w.WriteNumber("pid", pid);
        w.WriteNumber("tid", tid);
        w.WriteStartObject("args");
    }
}
