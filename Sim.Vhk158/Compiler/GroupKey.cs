using System.Globalization;
using System.Text;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// What a group's compiled code depends on, as text: the fusion, every layer's type, structure
/// and tensors (shape, dtype, sparsity), and whether the group is the program's first or last
/// (the barrier differs). Names and addresses are left out: the generators read neither, except
/// the mask lookup of prefill attention, which <see cref="CompiledGroupCache"/> never shares.
/// </summary>
public static class GroupKey
{
    public static string Of(LayerGroup group, bool isLast)
    {
        var b = new StringBuilder(256);
        b.Append(group.Fusion).Append(group.Index == 0 ? " first" : "").Append(isLast ? " last" : "").Append('\n');
        Append(b, group.Layer);
        foreach (var fused in group.Fused) Append(b, fused);
        return b.ToString();
    }

    private static void Append(StringBuilder b, IrLayer layer)
    {
        b.Append(layer.Type).Append(' ').Append(layer.Structure.ToString()).Append('\n');
        Tensors(b, 'i', layer.Inputs);
        Tensors(b, 'o', layer.Outputs);
        if (layer.Params is { } p) Tensors(b, 'p', p);
    }

    private static void Tensors(StringBuilder b, char role, IReadOnlyList<IrTensor> tensors)
    {
        foreach (var t in tensors)
        {
            var s = t.Sparsity;
            b.Append(role).Append(' ').Append(CultureInfo.InvariantCulture, $"{t.Shape.B},{t.Shape.M},{t.Shape.K} {t.DType}");
            if (s is { } sp) b.Append(CultureInfo.InvariantCulture, $" sparse={sp.Flag}:{sp.Ratio:R}:{sp.RatioIsInteger}");
            b.Append('\n');
        }
    }
}
