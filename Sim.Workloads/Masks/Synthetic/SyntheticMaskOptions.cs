using Sim.Core.Errors;
using Sim.Workloads.Models;

namespace Sim.Workloads.Masks.Synthetic;

/// <summary>
/// What <see cref="SyntheticMaskGenerator"/> builds. Defaults match the reference's masks in
/// shape and statistics: 32 layers × 32 heads × 32×32 blocks at 30 % causal density (spec §2.3).
/// </summary>
public sealed record SyntheticMaskOptions
{
    /// <summary>Seed of all random choices; the same options give the same masks.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Target fraction of the causal blocks (lower triangle incl. diagonal) that are true.</summary>
    public double TargetDensity { get; init; } = 0.30;

    /// <summary>Keep column 0 (the "attention sink") in every row; the reference has it in 99.4 % of rows.</summary>
    public bool AttentionSink { get; init; } = true;

    /// <summary>
    /// Blocks on and left of the diagonal kept in every row (1 = the diagonal only, 0 = none). The
    /// default 2 matches the reference, where the diagonal and its left neighbour are in 84 % of
    /// the budget-limited rows.
    /// </summary>
    public int LocalWindow { get; init; } = 2;

    public int Layers { get; init; } = 32;
    public int Heads { get; init; } = 32;

    /// <summary>Query (and key) blocks per head: MAX_LEN / MASK_LAYOUT_BLOCK_SIZE.</summary>
    public int Blocks { get; init; } = 32;

    /// <summary>Smallest per-head row budget k (the reference's range is 2..15).</summary>
    public int MinK { get; init; } = 2;

    /// <summary>Largest per-head row budget k; null means <see cref="Blocks"/> (dense causal).</summary>
    public int? MaxK { get; init; }

    public int EffectiveMaxK => MaxK ?? Blocks;

    /// <summary>
    /// Options shaped for a model whose masks cover <paramref name="maxLen"/> tokens in blocks of
    /// <paramref name="blockSize"/> (a machine's MAX_LEN and MASK_LAYOUT_BLOCK_SIZE).
    /// </summary>
    public static SyntheticMaskOptions ForModel(ModelDescription model, int maxLen, int blockSize)
    {
        if (blockSize <= 0 || maxLen < blockSize || maxLen % blockSize != 0)
            throw new InputException(
                $"MAX_LEN ({maxLen}) must be a positive multiple of MASK_LAYOUT_BLOCK_SIZE ({blockSize}) " +
                "to shape attention masks");
        return new SyntheticMaskOptions
        {
            Layers = model.NumHiddenLayers,
            Heads = model.NumAttentionHeads,
            Blocks = maxLen / blockSize,
        };
    }

    /// <summary>Throws an <see cref="InputException"/> naming the first bad option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new InputException($"synthetic masks: {message}");
        }

        Require(Layers > 0, $"Layers must be positive, got {Layers}");
        Require(Heads > 0, $"Heads must be positive, got {Heads}");
        Require(Blocks > 0, $"Blocks must be positive, got {Blocks}");
        Require((long)Layers * Heads * Blocks * Blocks <= Array.MaxLength,
            $"{Layers} layers × {Heads} heads × {Blocks}² blocks is too large");
        Require(double.IsFinite(TargetDensity) && TargetDensity > 0 && TargetDensity <= 1,
            $"TargetDensity must be in (0, 1], got {TargetDensity}");
        Require(LocalWindow >= 0 && LocalWindow <= Blocks, $"LocalWindow must be in 0..{Blocks}, got {LocalWindow}");
        Require(MinK >= 1 && MinK <= Blocks, $"MinK must be in 1..{Blocks}, got {MinK}");
        Require(EffectiveMaxK >= MinK && EffectiveMaxK <= Blocks,
            $"MaxK must be in MinK..Blocks ({MinK}..{Blocks}), got {EffectiveMaxK}");
    }
}
