using Sim.Workloads.Ir;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// What a group's compiled code depends on: the fusion, every layer's type, structure and tensors
/// (shape, dtype, sparsity), and whether the group is the program's first or last (the barrier
/// differs). Names and addresses are left out: the generators read neither, except the mask
/// lookup of prefill attention, which <see cref="CompiledGroupCache"/> never shares.
/// </summary>
/// <remarks>
/// A value compared field by field rather than text: the six standard cases look up some 40,000
/// groups, and formatting each one's shapes and ratios into a string was a tenth of their CPU
/// time. The structure is compared as the IR's record, so a key added to <see cref="IrStructure"/>
/// is part of the group key without a change here.
/// </remarks>
public sealed class GroupKey : IEquatable<GroupKey>
{
    private readonly FusionKind _fusion;
    private readonly bool _first, _last;
    private readonly LayerKey[] _layers;
    private readonly int _hash;

    private GroupKey(FusionKind fusion, bool first, bool last, LayerKey[] layers)
    {
        _fusion = fusion; _first = first; _last = last; _layers = layers;
        var h = new HashCode();
        h.Add(fusion); h.Add(first); h.Add(last);
        foreach (var l in layers) h.Add(l);
        _hash = h.ToHashCode();
    }

    public static GroupKey Of(LayerGroup group, bool isLast)
    {
        var layers = new LayerKey[1 + group.Fused.Count];
        layers[0] = LayerKey.Of(group.Layer);
        for (int i = 0; i < group.Fused.Count; i++) layers[i + 1] = LayerKey.Of(group.Fused[i]);
        return new GroupKey(group.Fusion, group.Index == 0, isLast, layers);
    }

    public bool Equals(GroupKey? other) =>
        other is not null && _hash == other._hash && _fusion == other._fusion && _first == other._first && _last == other._last
        && _layers.AsSpan().SequenceEqual(other._layers);

    public override bool Equals(object? obj) => Equals(obj as GroupKey);
    public override int GetHashCode() => _hash;

    /// <summary>One layer: type, structure and its tensors in order (inputs, outputs, params).</summary>
    private readonly record struct LayerKey(LayerType Type, IrStructure Structure, TensorKey[] Tensors, int Inputs, int Outputs, int Params)
    {
        public static LayerKey Of(IrLayer layer)
        {
            int p = layer.Params?.Count ?? -1;   // no param key at all differs from an empty list
            var tensors = new TensorKey[layer.Inputs.Count + layer.Outputs.Count + Math.Max(p, 0)];
            int n = 0;
            foreach (var t in layer.Inputs) tensors[n++] = TensorKey.Of(t);
            foreach (var t in layer.Outputs) tensors[n++] = TensorKey.Of(t);
            if (layer.Params is { } ps) foreach (var t in ps) tensors[n++] = TensorKey.Of(t);
            return new LayerKey(layer.Type, layer.Structure, tensors, layer.Inputs.Count, layer.Outputs.Count, p);
        }

        public bool Equals(LayerKey other) =>
            Type == other.Type && Inputs == other.Inputs && Outputs == other.Outputs && Params == other.Params
            && Structure == other.Structure && Tensors.AsSpan().SequenceEqual(other.Tensors);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(Type); h.Add(Structure); h.Add(Inputs); h.Add(Outputs); h.Add(Params);
            foreach (var t in Tensors) h.Add(t);
            return h.ToHashCode();
        }
    }

    /// <summary>A tensor without its name and address; the ratio compared by its bits, as the compiled code would differ.</summary>
    private readonly record struct TensorKey(Shape3 Shape, string DType, bool Sparse, bool Flag, long RatioBits, bool RatioIsInteger)
    {
        public static TensorKey Of(IrTensor t) => t.Sparsity is { } s
            ? new TensorKey(t.Shape, t.DType, true, s.Flag, BitConverter.DoubleToInt64Bits(s.Ratio), s.RatioIsInteger)
            : new TensorKey(t.Shape, t.DType, false, false, 0, false);
    }
}
