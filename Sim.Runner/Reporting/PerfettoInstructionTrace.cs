using System.Text.Json;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;
using Sim.Workloads.Ir;

namespace Sim.Runner.Reporting;

/// <summary>
/// Every executed instruction as a Perfetto/Chrome trace-event "X" slice (one track per unit,
/// named by the same metadata events as <see cref="PerfettoTrace"/>), streamed while the machine
/// runs. Times are µs rounded to the ns, so numbers stay short plain decimals.
/// </summary>
public sealed class PerfettoInstructionTrace : RunObserver, IDisposable
{
    /// <summary>Bytes one slice takes, about: for the size estimate before a run.</summary>
    public const int BytesPerInstruction = 150;

    private readonly Utf8JsonWriter _w;
    private readonly List<(string Layer, string Kind)> _groups = new();
    private const int Pid = 1;

    public PerfettoInstructionTrace(Stream stream, string processName)
    {
        _w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        _w.WriteStartObject();
        _w.WriteString("displayTimeUnit", "ns");
        _w.WriteStartArray("traceEvents");
        PerfettoTrace.Metadata(_w, "process_name", Pid, 0, "name", processName);
    }

    public override void Start(MachineLayout layout)
    {
        for (int u = 0; u < layout.Units.Count; u++)
        {
            PerfettoTrace.Metadata(_w, "thread_name", Pid, PerfettoTrace.Tid(u), "name", layout.Units[u].Name);
            PerfettoTrace.Metadata(_w, "thread_sort_index", Pid, PerfettoTrace.Tid(u), "sort_index", u);
        }
    }

    public override void BeginGroup(LayerGroup group) =>
        _groups.Add((group.Layer.Name, LayerTypeNames.ToYaml(group.Layer.Type) + (group.IsFused ? "+" + group.Fusion.ToString().ToLowerInvariant() : "")));

    public override void Executed(int unit, in Instruction instruction, double start, double duration, int group)
    {
        var (layer, kind) = _groups[group];
        double ts = PerfettoTrace.Micros(start), end = PerfettoTrace.Micros(start + duration);
        _w.WriteStartObject();
        _w.WriteString("name", layer);
        _w.WriteString("cat", kind);
        _w.WriteString("ph", "X");
        _w.WriteNumber("pid", Pid);
        _w.WriteNumber("tid", PerfettoTrace.Tid(unit));
        _w.WriteNumber("ts", ts);
        _w.WriteNumber("dur", Math.Round(end - ts, 3));
        _w.WriteStartObject("args");
        _w.WriteNumber("group", group);
        _w.WriteEndObject();
        _w.WriteEndObject();
        if (_w.BytesPending > 1 << 16) _w.Flush();
    }

    public void Dispose()
    {
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.Dispose();
    }
}
