using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>
/// One decoder layer's weights, in Hugging Face's layout (linear weights are [out, in]). The
/// LLaMA family has RMSNorm weights and a gated FFN (gate, up, down); OPT has LayerNorm weights
/// and biases, a bias on every linear, and an ungated ReLU FFN whose fc1 and fc2 are
/// <see cref="Up"/> and <see cref="Down"/> here (names in <see cref="WeightNames"/>).
/// </summary>
public sealed class LayerWeights : IDisposable
{
    private readonly Tensor? _gate;

    public required Tensor InputNorm { get; init; }
    /// <summary>The input LayerNorm's bias (OPT's self_attn_layer_norm); null for RMSNorm.</summary>
    public Tensor? InputNormBias { get; init; }
    public required Tensor Q { get; init; }
    public required Tensor K { get; init; }
    public required Tensor V { get; init; }
    public required Tensor O { get; init; }
    public Tensor? QBias { get; init; }
    public Tensor? KBias { get; init; }
    public Tensor? VBias { get; init; }
    public Tensor? OBias { get; init; }
    public required Tensor PostAttentionNorm { get; init; }
    /// <summary>The FFN's LayerNorm bias (OPT's per-layer final_layer_norm); null for RMSNorm.</summary>
    public Tensor? PostAttentionNormBias { get; init; }

    /// <summary>The gate projection of a gated FFN; an OPT layer has none (<see cref="HasGate"/>), and asking for it is an error.</summary>
    public Tensor Gate
    {
        get => _gate ?? throw new InvalidOperationException("this layer's FFN has no gate projection (OPT family: fc1, ReLU, fc2)");
        init => _gate = value;
    }

    public bool HasGate => _gate is not null;

    /// <summary>LLaMA's up projection, OPT's fc1.</summary>
    public required Tensor Up { get; init; }
    /// <summary>LLaMA's down projection, OPT's fc2.</summary>
    public required Tensor Down { get; init; }
    public Tensor? UpBias { get; init; }
    public Tensor? DownBias { get; init; }

    /// <summary>The tensors under their Hugging Face names for layer <paramref name="index"/>.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> Named(WeightNames names, int index)
    {
        var p = names.Layer(index);
        foreach (var (role, t) in Roles(names))
            if (t is not null) yield return (p + role, t);
    }

    private IEnumerable<(string Role, Tensor? Tensor)> Roles(WeightNames n)
    {
        yield return (n.InputNorm + ".weight", InputNorm);
        yield return (n.InputNorm + ".bias", InputNormBias);
        yield return (n.Q + ".weight", Q);
        yield return (n.Q + ".bias", QBias);
        yield return (n.K + ".weight", K);
        yield return (n.K + ".bias", KBias);
        yield return (n.V + ".weight", V);
        yield return (n.V + ".bias", VBias);
        yield return (n.O + ".weight", O);
        yield return (n.O + ".bias", OBias);
        yield return (n.PostAttentionNorm + ".weight", PostAttentionNorm);
        yield return (n.PostAttentionNorm + ".bias", PostAttentionNormBias);
        if (n.Gate is not null) yield return (n.Gate + ".weight", _gate);
        yield return (n.Up + ".weight", Up);
        yield return (n.Up + ".bias", UpBias);
        yield return (n.Down + ".weight", Down);
        yield return (n.Down + ".bias", DownBias);
    }

    public void Dispose()
    {
        foreach (var t in new[] { InputNorm, InputNormBias, Q, K, V, O, QBias, KBias, VBias, OBias,
                                  PostAttentionNorm, PostAttentionNormBias, _gate, Up, Down, UpBias, DownBias })
            t?.Dispose();
    }
}
