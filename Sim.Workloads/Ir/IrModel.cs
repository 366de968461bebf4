namespace Sim.Workloads.Ir;

// The typed compiler IR (spec §1): one file is an ordered list of layers. These records are the
// contract between the reader, the writer, the generator and the instruction compiler.

/// <summary>The eleven layer kinds of spec §1.2, with their YAML spelling in <see cref="LayerTypeNames"/>.</summary>
public enum LayerType { Input, Output, Layernorm, LinearMm, LinearMv, AttentionMm, AttentionMv, Eltwise, Softmax, Silu, Concat }

/// <summary>A rank-3 tensor shape <c>[B, M, K]</c>; every IR tensor has rank 3.</summary>
public readonly record struct Shape3(int B, int M, int K)
{
    public long Elements => (long)B * M * K;
    public override string ToString() => $"[{B}, {M}, {K}]";
}

/// <summary>
/// Weight sparsity as written in the IR. <see cref="RatioIsInteger"/> keeps PyYAML's spelling
/// (<c>1</c> against <c>0.7</c>) so that a written file is byte-identical to the one read.
/// </summary>
public readonly record struct Sparsity(bool Flag, double Ratio, bool RatioIsInteger)
{
    public static Sparsity Dense => new(false, 1, true);
    public static Sparsity Sparse(double ratio) => new(true, ratio, false);
}

/// <summary>A tensor or param entry: name, shape, dtype, addr, and for weights their sparsity.</summary>
public sealed record IrTensor(string Name, Shape3 Shape, string DType, long Addr = 0, Sparsity? Sparsity = null);

/// <summary>
/// The <c>structure</c> mapping. Only the keys that belong to the layer's type are set; the
/// writer emits them in the reference key order (spec §1.4).
/// </summary>
public sealed record IrStructure(
    bool? BiasFlag = null,
    bool? RmsFlag = null,
    string? MaskMode = null,
    bool? ReluFlag = null,
    string? EltwiseType = null,
    int? Dim = null)
{
    public static readonly IrStructure Empty = new();
}

/// <summary>
/// One layer. <see cref="Params"/> is null when the YAML has no <c>param</c> key at all.
/// Equality is structural (list contents, not list references).
/// </summary>
public sealed record IrLayer(
    string Name,
    LayerType Type,
    IReadOnlyList<IrTensor> Inputs,
    IReadOnlyList<IrTensor> Outputs,
    IReadOnlyList<IrTensor>? Params,
    IrStructure Structure)
{
    public bool Equals(IrLayer? other) =>
        other is not null
        && Name == other.Name && Type == other.Type && Structure == other.Structure
        && Inputs.SequenceEqual(other.Inputs) && Outputs.SequenceEqual(other.Outputs)
        && (Params is null ? other.Params is null : other.Params is not null && Params.SequenceEqual(other.Params));

    public override int GetHashCode() => HashCode.Combine(Name, Type, Inputs.Count, Outputs.Count, Params?.Count ?? -1);
}

/// <summary>Prefill (all prompt tokens at once) or decode (one new token with a context).</summary>
public enum Stage { Prefill, Decode }

/// <summary>
/// A whole IR file: stage, token length and its layers in program order. <see cref="Tokens"/> is
/// L: the prompt length in prefill, the context length (new token included) in decode.
/// Equality is structural.
/// </summary>
public sealed record IrProgram(Stage Stage, int Tokens, IReadOnlyList<IrLayer> Layers)
{
    public bool Equals(IrProgram? other) =>
        other is not null && Stage == other.Stage && Tokens == other.Tokens && Layers.SequenceEqual(other.Layers);

    public override int GetHashCode() => HashCode.Combine(Stage, Tokens, Layers.Count);

    /// <summary>The reference's file name, e.g. <c>llama2_decode_token_512.yaml</c>.</summary>
    public static string FileName(Stage stage, int tokens, string modelPrefix = "llama2") =>
        $"{modelPrefix}_{(stage == Stage.Prefill ? "prefill" : "decode")}_token_{tokens}.yaml";
}

public static class LayerTypeNames
{
    public static string ToYaml(LayerType t) => t switch
    {
        LayerType.Input => "input",
        LayerType.Output => "output",
        LayerType.Layernorm => "layernorm",
        LayerType.LinearMm => "linear_mm",
        LayerType.LinearMv => "linear_mv",
        LayerType.AttentionMm => "attention_mm",
        LayerType.AttentionMv => "attention_mv",
        LayerType.Eltwise => "eltwise",
        LayerType.Softmax => "softmax",
        LayerType.Silu => "silu",
        LayerType.Concat => "concat",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static bool TryParse(string s, out LayerType t)
    {
        foreach (var v in Enum.GetValues<LayerType>())
            if (ToYaml(v) == s) { t = v; return true; }
        t = default;
        return false;
    }

    public static bool IsLinear(this LayerType t) => t is LayerType.LinearMm or LayerType.LinearMv;
    public static bool IsAttention(this LayerType t) => t is LayerType.AttentionMm or LayerType.AttentionMv;
}
