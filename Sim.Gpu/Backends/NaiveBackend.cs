using Sim.Gpu.Model;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sim.Gpu.Backends;

/// <summary>
/// What plain eager Hugging Face <c>generate</c> does, op for op where it matters: separate q, k,
/// v and gate, up projections; RMSNorm and softmax upcast to float32; rotary embedding through
/// rotate_half (slices, negation, concat); a KV cache grown by concatenation every step;
/// attention as matmul, softmax, matmul; the next token read back to the host every step and
/// sent back as the next input. Plain, not artificially slowed. For the OPT family it follows
/// OPTForCausalLM instead: learned positions (row p + 2) added to the token embeddings,
/// LayerNorm with bias, biases on the linears, q scaled before q·kᵀ, and fc1, ReLU, fc2.
/// </summary>
public sealed class NaiveBackend : IInferenceBackend
{
    public const string BackendName = "naive";

    private readonly LlamaWeights _w;
    private readonly Tensor _invFreq;   // [D/2] float32: the rotary frequencies
    private readonly int _heads, _kvHeads, _headDim, _hidden, _positionOffset;
    private readonly double _eps;
    private readonly bool _layerNorm, _rotary, _relu;

    public NaiveBackend(LlamaWeights weights)
    {
        _w = weights;
        var m = weights.Model;
        _heads = m.NumAttentionHeads;
        _kvHeads = m.KeyValueHeads;
        _headDim = m.HeadDim;
        _hidden = m.HiddenSize;
        _eps = m.NormEps;
        _layerNorm = m.UsesLayerNorm;
        _rotary = !m.LearnedPositions;
        _relu = m.Activation == "relu";
        _positionOffset = m.PositionOffset;
        var inv = new float[_headDim / 2];
        for (var i = 0; i < inv.Length; i++) inv[i] = (float)(1.0 / Math.Pow(m.RopeTheta, 2.0 * i / _headDim));
        _invFreq = tensor(inv, ScalarType.Float32, weights.Device);
    }

    public string Name => BackendName;

    public GenerationResult Generate(Tensor prompt, int newTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newTokens, 1);
        using var mode = inference_mode();
        var meter = new HostCostMeter();
        var batch = (int)prompt.shape[0];
        var tokens = new long[batch][];
        for (var b = 0; b < batch; b++) tokens[b] = new long[newTokens];
        var cache = new (Tensor K, Tensor V)?[_w.Layers.Count];
        Tensor? input = null;
        long start = 0;
        try
        {
            for (var step = 0; step < newTokens; step++)
            {
                using var scope = NewDisposeScope();
                var ids = input ?? prompt;
                var logits = Forward(ids, start, cache, allLogits: false);          // [B, 1, V]
                var next = logits.select(1, 0).to(ScalarType.Float32).argmax(-1);   // [B]
                // Back to the host every step, as generate's stopping criteria and streamers do.
                var host = next.cpu().data<long>().ToArray();
                for (var b = 0; b < batch; b++) tokens[b][step] = host[b];
                start += ids.shape[1];
                input?.Dispose();
                input = tensor(host, [batch, 1], ScalarType.Int64, _w.Device).MoveToOuterDisposeScope();
            }
            meter.Issued();
            return meter.Finish(tokens);
        }
        finally
        {
            input?.Dispose();
            foreach (var kv in cache)
            {
                kv?.K.Dispose();
                kv?.V.Dispose();
            }
        }
    }

    public Tensor Logits(Tensor tokens)
    {
        using var mode = inference_mode();
        var cache = new (Tensor K, Tensor V)?[_w.Layers.Count];
        try
        {
            using var scope = NewDisposeScope();
            return Forward(tokens, 0, cache, allLogits: true).to(ScalarType.Float32).cpu().MoveToOuterDisposeScope();
        }
        finally
        {
            foreach (var kv in cache)
            {
                kv?.K.Dispose();
                kv?.V.Dispose();
            }
        }
    }

    /// <summary>One forward pass over ids [B, T] at positions start..start+T-1; the cache grows by T.</summary>
    private Tensor Forward(Tensor ids, long start, (Tensor K, Tensor V)?[] cache, bool allLogits)
    {
        long b = ids.shape[0], t = ids.shape[1];
        var dtype = _w.DType;
        var x = _w.Embedding.index_select(0, ids.reshape(-1)).view(b, t, _hidden);  // embedding lookup, [B, T, d]
        if (!_rotary) x = x.add(_w.Positions!.narrow(0, start + _positionOffset, t));  // OPT: learned positions

        // Rotary cos/sin for these positions, computed per forward as the HF rotary module does.
        Tensor? cos = null, sin = null;
        if (_rotary)
        {
            var pos = arange(start, start + t, ScalarType.Float32, _w.Device);
            var freqs = pos.outer(_invFreq);
            var emb = cat([freqs, freqs], -1);
            cos = emb.cos().to(dtype);
            sin = emb.sin().to(dtype);
        }

        Tensor? mask = null;
        if (t > 1)
            mask = full([t, start + t], double.NegativeInfinity, dtype, _w.Device).triu(start + 1);

        var scaling = 1.0 / Math.Sqrt(_headDim);
        for (var i = 0; i < _w.Layers.Count; i++)
        {
            var l = _w.Layers[i];
            var h = Norm(x, l.InputNorm, l.InputNormBias);
            var q = Linear(h, l.Q, l.QBias);
            if (!_rotary) q = q.mul(scaling);   // OPT scales q right after its projection
            q = q.view(b, t, _heads, _headDim).transpose(1, 2);
            var k = Linear(h, l.K, l.KBias).view(b, t, _kvHeads, _headDim).transpose(1, 2);
            var v = Linear(h, l.V, l.VBias).view(b, t, _kvHeads, _headDim).transpose(1, 2);
            if (_rotary)
            {
                q = q.mul(cos!).add(RotateHalf(q).mul(sin!));
                k = k.mul(cos!).add(RotateHalf(k).mul(sin!));
            }
            if (cache[i] is { } past)
            {
                k = cat([past.K, k], 2);
                v = cat([past.V, v], 2);
                past.K.Dispose();
                past.V.Dispose();
            }
            cache[i] = (k.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope());

            // Grouped-query attention: each key/value head serves heads/kvHeads query heads (HF's repeat_kv).
            k = RepeatKv(k);
            v = RepeatKv(v);
            var scores = q.matmul(k.transpose(2, 3));
            if (_rotary) scores = scores.mul(scaling);
            if (mask is not null) scores = scores.add(mask);
            var probs = scores.softmax(-1, ScalarType.Float32).to(dtype);
            var attn = probs.matmul(v).transpose(1, 2).reshape(b, t, _hidden);
            x = x.add(Linear(attn, l.O, l.OBias));

            h = Norm(x, l.PostAttentionNorm, l.PostAttentionNormBias);
            var mlp = l.HasGate
                ? Linear(Activation(Linear(h, l.Gate, null)).mul(Linear(h, l.Up, l.UpBias)), l.Down, l.DownBias)
                : Linear(Activation(Linear(h, l.Up, l.UpBias)), l.Down, l.DownBias);
            x = x.add(mlp);
        }
        x = Norm(x, _w.FinalNorm, _w.FinalNormBias);
        if (!allLogits) x = x.narrow(1, t - 1, 1);
        return F.linear(x, _w.LmHead);
    }

    private static Tensor Linear(Tensor x, Tensor weight, Tensor? bias) => F.linear(x, weight, bias);

    private Tensor Activation(Tensor x) => _relu ? x.relu() : x.silu();

    /// <summary>The family's norm: OPT's LayerNorm (nn.LayerNorm in the model dtype) or LLaMA's RMSNorm.</summary>
    private Tensor Norm(Tensor x, Tensor weight, Tensor? bias) =>
        _layerNorm ? F.layer_norm(x, [_hidden], weight, bias, _eps) : RmsNorm(x, weight);

    /// <summary>LLaMA's RMSNorm as Hugging Face writes it: statistics in float32, weight applied in the model dtype.</summary>
    private Tensor RmsNorm(Tensor x, Tensor weight)
    {
        var xf = x.to(ScalarType.Float32);
        var variance = xf.pow(2).mean([-1], keepdim: true);
        var normed = xf.mul(variance.add(_eps).rsqrt());
        return weight.mul(normed.to(x.dtype));
    }

    /// <summary>[B, KV, T, D] to [B, H, T, D], each key/value head repeated for its group of query heads.</summary>
    private Tensor RepeatKv(Tensor x)
    {
        if (_kvHeads == _heads) return x;
        long b = x.shape[0], t = x.shape[2];
        return x.unsqueeze(2).expand(b, _kvHeads, _heads / _kvHeads, t, _headDim).reshape(b, _heads, t, _headDim);
    }

    private Tensor RotateHalf(Tensor x)
    {
        var half = _headDim / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        return cat([x2.neg(), x1], -1);
    }

    public void Dispose() => _invFreq.Dispose();
}
