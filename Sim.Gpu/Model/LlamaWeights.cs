using Sim.Workloads.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>
/// The weights of a LLaMA-family model on one device, in Hugging Face's names and layout. Made
/// by <see cref="RandomWeights"/> (seeded; latency does not depend on the values) or read from
/// a Hugging Face safetensors folder by <see cref="HuggingFaceFolder"/>.
/// </summary>
public sealed class LlamaWeights : IDisposable
{
    public required ModelDescription Model { get; init; }
    public required Tensor Embedding { get; init; }
    public required IReadOnlyList<LayerWeights> Layers { get; init; }
    public required Tensor FinalNorm { get; init; }
    public required Tensor LmHead { get; init; }

    public ScalarType DType => Embedding.dtype;
    public Device Device => Embedding.device;

    /// <summary>Every tensor under its Hugging Face name, in a fixed order.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> Named()
    {
        yield return ("model.embed_tokens.weight", Embedding);
        for (var i = 0; i < Layers.Count; i++)
            foreach (var nt in Layers[i].Named(i)) yield return nt;
        yield return ("model.norm.weight", FinalNorm);
        yield return ("lm_head.weight", LmHead);
    }

    /// <summary>Bytes of all weights: what one decode step must read at least once.</summary>
    public long Bytes => Named().Sum(nt => nt.Tensor.NumberOfElements * nt.Tensor.ElementSize);

    public void Dispose()
    {
        Embedding.Dispose();
        foreach (var l in Layers) l.Dispose();
        FinalNorm.Dispose();
        LmHead.Dispose();
    }
}
