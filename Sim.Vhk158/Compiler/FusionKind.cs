namespace Sim.Vhk158.Compiler;

/// <summary>How a group's followers are fused into its main layer (spec §3.4).</summary>
public enum FusionKind
{
    None,
    /// <summary>attention + softmax on its output.</summary>
    Softmax,
    /// <summary>linear + SiLU on its output.</summary>
    Silu,
    /// <summary>linear + one eltwise that takes its output.</summary>
    Eltwise,
    /// <summary>linear + three eltwise layers (the RoPE sin/cos/add triple).</summary>
    Eltwise3,
}
