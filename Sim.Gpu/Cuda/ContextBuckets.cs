using Sim.Core.Errors;

namespace Sim.Gpu.Cuda;

/// <summary>
/// Decode graphs are bucketed by context length: a graph's attention launches as many splits
/// as its bucket's longest context needs, and splits past the actual context return at once.
/// Bucket i holds context lengths (i·size, (i+1)·size], capped at the model's positions.
/// </summary>
/// <param name="MaxPositions">The model's max_position_embeddings.</param>
/// <param name="BucketSize">Context lengths per bucket: a multiple of <paramref name="Chunk"/>.</param>
/// <param name="Chunk">Keys per attention split (the kernel's ATT_CHUNK).</param>
public sealed record ContextBuckets(int MaxPositions, int BucketSize, int Chunk)
{
    public const int DefaultBucketSize = 256;
    /// <summary>Default keys per split (ATT_CHUNK in llama.cu, which the backend compiles in).</summary>
    public const int AttentionChunk = 128;

    public static ContextBuckets For(int maxPositions, int chunk = AttentionChunk) => new(maxPositions, DefaultBucketSize, chunk);

    public int Count { get; } = Validate(MaxPositions, BucketSize, Chunk);

    /// <summary>The bucket of a context length (1..MaxPositions: the keys attended to, the new token's included).</summary>
    public int IndexOf(int contextLength)
    {
        if (contextLength < 1 || contextLength > MaxPositions)
            throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength, $"context length must be 1..{MaxPositions}");
        return (contextLength - 1) / BucketSize;
    }

    /// <summary>The longest context of bucket <paramref name="index"/>.</summary>
    public int Capacity(int index) => Math.Min((index + 1) * BucketSize, MaxPositions);

    /// <summary>Attention splits a graph of bucket <paramref name="index"/> launches.</summary>
    public int Splits(int index) => (Capacity(index) + Chunk - 1) / Chunk;

    /// <summary>The most splits any bucket launches (sizes the partial-result buffers).</summary>
    public int MaxSplits => Splits(Count - 1);

    private static int Validate(int maxPositions, int bucketSize, int chunk)
    {
        if (maxPositions < 1) throw new InputException($"max_position_embeddings must be at least 1, got {maxPositions}");
        if (chunk < 1 || bucketSize < chunk || bucketSize % chunk != 0)
            throw new ArgumentException($"bucket size {bucketSize} must be a positive multiple of the attention chunk {chunk}");
        return (maxPositions + bucketSize - 1) / bucketSize;
    }
}
