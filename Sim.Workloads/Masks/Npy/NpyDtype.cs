namespace Sim.Workloads.Masks.Npy;

/// <summary>The element types the mask tooling reads and writes: one byte per element.</summary>
public enum NpyDtype
{
    /// <summary>numpy <c>bool</c>, descr <c>'|b1'</c>.</summary>
    Bool,
    /// <summary>numpy <c>uint8</c>, descr <c>'|u1'</c>; read as nonzero = true.</summary>
    UInt8,
}
