using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>One decoder layer's weights, in Hugging Face's layout (linear weights are [out, in]).</summary>
public sealed class LayerWeights : IDisposable
{
    public required Tensor InputNorm { get; init; }
    public required Tensor Q { get; init; }
    public required Tensor K { get; init; }
    public required Tensor V { get; init; }
    public required Tensor O { get; init; }
    public required Tensor PostAttentionNorm { get; init; }
    public required Tensor Gate { get; init; }
    public required Tensor Up { get; init; }
    public required Tensor Down { get; init; }

    /// <summary>The tensors under their Hugging Face names (prefix "model.layers.{i}.").</summary>
    public IEnumerable<(string Name, Tensor Tensor)> Named(int index)
    {
        var p = $"model.layers.{index}.";
        yield return (p + "input_layernorm.weight", InputNorm);
        yield return (p + "self_attn.q_proj.weight", Q);
        yield return (p + "self_attn.k_proj.weight", K);
        yield return (p + "self_attn.v_proj.weight", V);
        yield return (p + "self_attn.o_proj.weight", O);
        yield return (p + "post_attention_layernorm.weight", PostAttentionNorm);
        yield return (p + "mlp.gate_proj.weight", Gate);
        yield return (p + "mlp.up_proj.weight", Up);
        yield return (p + "mlp.down_proj.weight", Down);
    }

    public void Dispose()
    {
        foreach (var (_, t) in Named(0)) t.Dispose();
    }
}
