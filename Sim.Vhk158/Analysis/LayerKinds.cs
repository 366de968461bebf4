using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// The colouring label of a layer group: the main layer's family (linear, attention, layernorm,
/// eltwise, ...) plus what is fused into it ("+rope" for the RoPE eltwise triple, "+softmax",
/// "+silu", "+eltwise"), e.g. "linear+rope" or "attention+softmax".
/// </summary>
public static class LayerKinds
{
    /// <summary>Every kind the fusion planner can produce, in the order of a decoder block.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "layernorm", "linear+rope", "linear", "concat", "attention+softmax", "attention",
        "linear+eltwise", "linear+silu", "eltwise", "softmax", "silu",
    ];

    public static string Of(LayerGroup group) => Family(group.Layer.Type) + group.Fusion switch
    {
        FusionKind.None => "",
        FusionKind.Softmax => "+softmax",
        FusionKind.Silu => "+silu",
        FusionKind.Eltwise => "+eltwise",
        FusionKind.Eltwise3 => "+rope",
        _ => "+" + group.Fusion.ToString().ToLowerInvariant(),
    };

    private static string Family(LayerType type) => type switch
    {
        LayerType.LinearMm or LayerType.LinearMv => "linear",
        LayerType.AttentionMm or LayerType.AttentionMv => "attention",
        _ => LayerTypeNames.ToYaml(type),
    };
}
