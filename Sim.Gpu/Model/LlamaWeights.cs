using Sim.Workloads.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>
/// The weights of a decoder-only model on one device, in Hugging Face's names and layout: the
/// LLaMA family, or OPT (<see cref="ModelDescription.IsOpt"/>: learned <see cref="Positions"/>,
/// LayerNorm and linear biases). Made by <see cref="RandomWeights"/> (seeded; latency does not
/// depend on the values) or read from a Hugging Face safetensors folder by
/// <see cref="HuggingFaceFolder"/>.
/// </summary>
public sealed class LlamaWeights : IDisposable
{
    public required ModelDescription Model { get; init; }
    public required Tensor Embedding { get; init; }
    /// <summary>OPT's learned position table, [max_position_embeddings + 2, d]: position p is row p + 2. Null for rotary models.</summary>
    public Tensor? Positions { get; init; }
    public required IReadOnlyList<LayerWeights> Layers { get; init; }
    public required Tensor FinalNorm { get; init; }
    /// <summary>The final LayerNorm's bias (OPT); null for RMSNorm.</summary>
    public Tensor? FinalNormBias { get; init; }
    public required Tensor LmHead { get; init; }

    public ScalarType DType => Embedding.dtype;
    public Device Device => Embedding.device;

    /// <summary>The family's Hugging Face names.</summary>
    public WeightNames Names => WeightNames.For(Model);

    /// <summary>Every tensor under its Hugging Face name, in a fixed order.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> Named()
    {
        var n = Names;
        yield return (n.Embedding, Embedding);
        if (n.Positions is not null && Positions is not null) yield return (n.Positions, Positions);
        for (var i = 0; i < Layers.Count; i++)
            foreach (var nt in Layers[i].Named(n, i)) yield return nt;
        yield return (n.FinalNorm + ".weight", FinalNorm);
        if (FinalNormBias is not null) yield return (n.FinalNorm + ".bias", FinalNormBias);
        yield return (n.LmHead, LmHead);
    }

    /// <summary>Bytes of all weights: what one decode step must read at least once.</summary>
    public long Bytes => Named().Sum(nt => nt.Tensor.NumberOfElements * nt.Tensor.ElementSize);

    public void Dispose()
    {
        Embedding.Dispose();
        Positions?.Dispose();
        foreach (var l in Layers) l.Dispose();
        FinalNorm.Dispose();
        FinalNormBias?.Dispose();
        LmHead.Dispose();
    }
}
