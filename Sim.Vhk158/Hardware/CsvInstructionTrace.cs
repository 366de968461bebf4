using System.Globalization;
using System.Text;
using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Hardware;

/// <summary>
/// Writes one CSV line per executed instruction: <c>module,start_ms,end_ms,group,layer,type</c>,
/// in execution order. Times use the round-trip format so nothing is lost.
/// </summary>
public sealed class CsvInstructionTrace : IInstructionTrace, IDisposable
{
    private readonly TextWriter _writer;
    private readonly List<(string Layer, string Type)> _groups = new();

    public CsvInstructionTrace(TextWriter writer)
    {
        _writer = writer;
        _writer.Write("module,start_ms,end_ms,group,layer,type\n");
    }

    public void BeginGroup(LayerGroup group) =>
        _groups.Add((group.Layer.Name, LayerTypeNames.ToYaml(group.Layer.Type) + (group.IsFused ? "+" + group.Fusion.ToString().ToLowerInvariant() : "")));

    public void Record(Module module, double start, double end, int group)
    {
        var (layer, type) = _groups[group];
        _writer.Write(string.Create(CultureInfo.InvariantCulture, $"{module},{start:R},{end:R},{group},{layer},{type}\n"));
    }

    public void Dispose() => _writer.Dispose();
}
