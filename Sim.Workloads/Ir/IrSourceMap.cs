namespace Sim.Workloads.Ir;

/// <summary>Which list of a layer a tensor belongs to.</summary>
public enum TensorRole { Input, Output, Param }

/// <summary>
/// 1-based line numbers of the layers, tensors and structure mappings of a parsed IR file, kept
/// beside the model (not in it) so that generated and parsed programs compare equal. The
/// validator uses them to point errors at the offending line.
/// </summary>
public sealed class IrSourceMap
{
    private readonly List<LayerLines> _layers = new();

    private sealed class LayerLines(int line)
    {
        public readonly int Line = line;
        public readonly List<int> Inputs = new(3);
        public readonly List<int> Outputs = new(1);
        public readonly List<int> Params = new(2);
        public int Structure;
    }

    /// <summary>The file the lines refer to, as the user named it.</summary>
    public string? File { get; }

    public IrSourceMap(string? file) => File = file;

    public int LayerCount => _layers.Count;

    /// <summary>The line of layer <paramref name="layer"/>'s "- name" entry.</summary>
    public int Layer(int layer) => _layers[layer].Line;

    /// <summary>The line of a tensor's mapping, or the layer's line when unknown.</summary>
    public int Tensor(int layer, TensorRole role, int index)
    {
        var l = _layers[layer];
        var list = role switch { TensorRole.Input => l.Inputs, TensorRole.Output => l.Outputs, _ => l.Params };
        return index >= 0 && index < list.Count ? list[index] : l.Line;
    }

    /// <summary>The line of the layer's <c>structure</c> value, or the layer's line when unknown.</summary>
    public int Structure(int layer) => _layers[layer].Structure is > 0 and var s ? s : _layers[layer].Line;

    internal void BeginLayer(int line) => _layers.Add(new LayerLines(line));

    internal void AddTensor(TensorRole role, int line)
    {
        var l = _layers[^1];
        (role switch { TensorRole.Input => l.Inputs, TensorRole.Output => l.Outputs, _ => l.Params }).Add(line);
    }

    internal void SetStructure(int line) => _layers[^1].Structure = line;
}
