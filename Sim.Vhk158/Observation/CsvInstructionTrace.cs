using System.Globalization;
using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Observation;

/// <summary>
/// Writes one CSV line per executed instruction: <c>unit,start_ms,end_ms,group,layer,type</c>,
/// in execution order. Times are plain decimals in ms rounded to the ns (the run's own resolution
/// is far coarser than a 17-digit round trip, which tripled the size); layer names are quoted where
/// CSV needs it.
/// </summary>
public sealed class CsvInstructionTrace : RunObserver, IDisposable
{
    /// <summary>Bytes one line takes, about: for the size estimate before a run.</summary>
    public const int BytesPerInstruction = 70;

    private readonly TextWriter _writer;
    private readonly List<(string Layer, string Type)> _groups = new();
    private IReadOnlyList<UnitInfo> _units = [];

    public CsvInstructionTrace(TextWriter writer)
    {
        _writer = writer;
        _writer.Write("unit,start_ms,end_ms,group,layer,type\n");
    }

    public override void Start(MachineLayout layout) => _units = layout.Units;

    public override void BeginGroup(LayerGroup group) =>
        _groups.Add((Quote(group.Layer.Name), LayerTypeNames.ToYaml(group.Layer.Type) + (group.IsFused ? "+" + group.Fusion.ToString().ToLowerInvariant() : "")));

    public override void Executed(int unit, in Instruction instruction, double start, double duration, int group)
    {
        var (layer, type) = _groups[group];
        double end = start + duration;
        _writer.Write(string.Create(CultureInfo.InvariantCulture, $"{_units[unit].Name},{start:0.######},{end:0.######},{group},{layer},{type}\n"));
    }

    public void Dispose() => _writer.Dispose();

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
