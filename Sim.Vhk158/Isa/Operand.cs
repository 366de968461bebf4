namespace Sim.Vhk158.Isa;

/// <summary>
/// What an LD or ST moves, as the compiler knows it. The artifact's encoding has no such field and
/// the reference machine ignores it; the detailed machine uses it to split work over cores
/// (model parallelism) and to keep decode activations on chip.
/// </summary>
public enum Operand : byte
{
    /// <summary>An activation of many tokens (prefill): every core needs all of it.</summary>
    Activation = 0,
    /// <summary>A layer's weights, biases, sparse indices or scales: each core reads the columns it computes.</summary>
    Weight = 1,
    /// <summary>Per-head attention data (queries, K/V cache, scores): each core reads the heads it computes.</summary>
    Attention = 2,
    /// <summary>One token's activation (decode): small enough to stay in the on-chip buffers between layers.</summary>
    ActivationVector = 3,
}
