using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// How compressed weights are stored in HBM, so that a weight load moves the bytes the compressed
/// model holds rather than a constant ratio: value bits per kept weight, a scale per group of
/// weights, and sparse indices over every weight position of a pruned (N:M) layer. Which weights a layer
/// keeps comes from the model description (its <c>sparsity</c>) through the compiler.
/// With <see cref="ValueBits"/> 0 a load moves Length / BandwidthRatio bytes, the artifact's
/// INT4 convention.
/// </summary>
public sealed record WeightFormat(double ValueBits, double ScaleBits, double GroupSize, double IndexBits)
{
    public const string ValueBitsOption = "weight_bits";
    public const string ScaleBitsOption = "weight_scale_bits";
    public const string GroupSizeOption = "weight_group_size";
    public const string IndexBitsOption = "sparse_index_bits";

    public static IReadOnlyList<ComponentOption> Declared { get; } =
    [
        new(ValueBitsOption, 0, "average bits per kept weight value (0: the compiler's bandwidth ratio, INT4 as in the artifact)", Min: 0, Max: 64),
        new(ScaleBitsOption, 0, "bits of the scale (and zero point) stored per group of weights", Min: 0, Max: 256),
        new(GroupSizeOption, 128, "kept weights sharing one scale", Min: 1, Max: 1 << 24),
        new(IndexBitsOption, 0, "sparse index bits per weight position of a pruned layer (1: a bitmask over each N:M block)", Min: 0, Max: 64),
    ];

    public static WeightFormat From(ComponentOptions o) =>
        new(o[ValueBitsOption], o[ScaleBitsOption], o[GroupSizeOption], o[IndexBitsOption]);

    /// <summary>Stored bits per kept weight of a layer keeping <paramref name="density"/> of its weights.</summary>
    public double BitsPerKeptWeight(double density) =>
        ValueBits + ScaleBits / GroupSize + (density < 1 ? IndexBits / density : 0);

    /// <summary>Bytes an LD moves for <paramref name="share"/> of its data.</summary>
    public double Bytes(in Instruction i, double share)
    {
        double dense = i.Length * share;
        if (i.Module != Module.LD) return dense;
        // Weight values (A buffer in decode, B buffer in prefill) carry their density; biases do not.
        bool values = i.Operand == Operand.Weight && i.SparseRatio > 0;
        if (ValueBits <= 0 || !values) return dense / i.BandwidthRatio;
        return dense * i.SparseRatio * BitsPerKeptWeight(i.SparseRatio) / 8;
    }
}
