using Sim.Workloads.Ir;

namespace Sim.Vhk158.Compiler;

/// <summary>One code-generation group: a layer and the followers fused into it, closed by a SYS barrier.</summary>
public sealed record LayerGroup(int Index, IrLayer Layer, FusionKind Fusion, IReadOnlyList<IrLayer> Fused)
{
    public bool IsFused => Fusion != FusionKind.None;
    /// <summary>The first fused layer: its op and shapes parameterise the fused MISCs.</summary>
    public IrLayer? FirstFused => Fused.Count > 0 ? Fused[0] : null;
}
