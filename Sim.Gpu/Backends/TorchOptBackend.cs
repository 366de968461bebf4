using Sim.Gpu.Model;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sim.Gpu.Backends;

/// <summary>
/// The same model with as few TorchSharp calls per layer as it allows (each costs ~15 µs of host
/// time on a GPU, which sets the pace of a decode step):
/// <list type="bullet">
/// <item>fused QKV and gate-up matrices, stored pre-transposed;</item>
/// <item>RMSNorm as one <c>normalize</c> call: the hidden state carries extra columns, one of
/// them the constant √(d·ε), so ‖x_aug‖ = √(‖x‖² + d·ε) = √d·rms(x); the √d and the norm weight
/// are folded into the next matrix, whose extra input columns are zero;</item>
/// <item>rotary embedding as one batched matmul with a per-position rotation matrix (identity
/// for v), so q, k and v stay in one tensor;</item>
/// <item>a preallocated KV cache written in place (<c>index_copy_</c>);</item>
/// <item><c>scaled_dot_product_attention</c> (with grouped-query attention, the key/value heads
/// expanded to the query heads first, as Hugging Face's repeat_kv does);</item>
/// <item>residual adds fused into the output projections (<c>addmm_</c>);</item>
/// <item>no host synchronization inside the decode loop: the next token stays on the device.</item>
/// </list>
/// The OPT family takes its own path (<see cref="OptStep"/>): the hidden state is not padded,
/// each LayerNorm is one <c>layer_norm</c> call without affine terms, its weight folded into the
/// next matrix and its bias, with the linear's own, into one bias added by <c>addmm</c>; learned
/// positions are one add after the embedding lookup; fc1's ReLU is in place.
/// </summary>
public sealed class TorchOptBackend : IInferenceBackend
{
    public const string BackendName = "torch-opt";

    /// <summary>Extra hidden columns (one carries √(d·ε)); 8 keeps fp16 rows 16-byte aligned.</summary>
    internal const int Pad = 8;

    private readonly LlamaWeights _w;
    private readonly int _heads, _kvHeads, _headDim, _hidden, _maxPositions;
    private readonly Tensor _embedding;            // [V, d+Pad]
    private readonly Tensor _lmHeadT;              // [d+Pad, V]
    private readonly Tensor _rotary;               // [maxPos, 3, D, D]
    private readonly List<FusedLayer> _layers = new();
    private readonly List<FusedOptLayer> _optLayers = new();
    private readonly bool _opt;
    private readonly double _eps;
    private readonly Tensor? _positions;           // OPT: [maxPos, d], row p for position p (offset applied)
    private readonly Tensor? _lmHeadBias;          // OPT: lm_head · final LayerNorm bias, [V]
    private Tensor[]? _cache;                      // per layer [2, B, KV heads, maxPos, D]
    private long _cacheBatch;

    private sealed record FusedLayer(Tensor QkvT, Tensor OT, Tensor GateUpT, Tensor DownT) : IDisposable
    {
        public void Dispose()
        {
            QkvT.Dispose();
            OT.Dispose();
            GateUpT.Dispose();
            DownT.Dispose();
        }
    }

    /// <summary>An OPT layer with its LayerNorms folded in: W·diag(γ) transposed, and W·β + b as the bias.</summary>
    private sealed record FusedOptLayer(Tensor QkvT, Tensor QkvBias, Tensor OT, Tensor OBias,
                                        Tensor Fc1T, Tensor Fc1Bias, Tensor Fc2T, Tensor Fc2Bias) : IDisposable
    {
        public void Dispose()
        {
            foreach (var t in new[] { QkvT, QkvBias, OT, OBias, Fc1T, Fc1Bias, Fc2T, Fc2Bias }) t.Dispose();
        }
    }

    public TorchOptBackend(LlamaWeights weights)
    {
        _w = weights;
        var m = weights.Model;
        _heads = m.NumAttentionHeads;
        _kvHeads = m.KeyValueHeads;
        _headDim = m.HeadDim;
        _hidden = m.HiddenSize;
        _maxPositions = m.MaxPositionEmbeddings;
        _eps = m.NormEps;
        _opt = m.IsOpt;
        using var mode = inference_mode();
        if (_opt)
        {
            using var scope = NewDisposeScope();
            _embedding = weights.Embedding.contiguous().MoveToOuterDisposeScope();
            _positions = weights.Positions!.narrow(0, m.PositionOffset, _maxPositions).contiguous().MoveToOuterDisposeScope();
            var (lmT, lmBias) = FoldLayerNorm(weights.LmHead, null, weights.FinalNorm, weights.FinalNormBias);
            _lmHeadT = lmT.MoveToOuterDisposeScope();
            _lmHeadBias = lmBias.MoveToOuterDisposeScope();
            foreach (var l in weights.Layers)
            {
                if (l.HasGate) throw new NotSupportedException("torch-opt runs OPT's ungated FFN only");
                var (qkvT, qkvBias) = FoldLayerNorm(cat([l.Q, l.K, l.V], 0), CatBiases(l.QBias, l.KBias, l.VBias, l.Q, l.K, l.V),
                                                    l.InputNorm, l.InputNormBias);
                var (fc1T, fc1Bias) = FoldLayerNorm(l.Up, l.UpBias, l.PostAttentionNorm, l.PostAttentionNormBias);
                _optLayers.Add(new FusedOptLayer(
                    qkvT.MoveToOuterDisposeScope(), qkvBias.MoveToOuterDisposeScope(),
                    l.O.t().contiguous().MoveToOuterDisposeScope(), BiasOrZero(l.OBias, l.O).MoveToOuterDisposeScope(),
                    fc1T.MoveToOuterDisposeScope(), fc1Bias.MoveToOuterDisposeScope(),
                    l.Down.t().contiguous().MoveToOuterDisposeScope(), BiasOrZero(l.DownBias, l.Down).MoveToOuterDisposeScope()));
            }
            _rotary = empty(0).MoveToOuterDisposeScope();   // no rotary table: learned positions
            return;
        }
        using (var scope = NewDisposeScope())
        {
            var device = weights.Device;
            var dtype = weights.DType;
            var sqrtD = Math.Sqrt(_hidden);
            var carrier = Math.Sqrt(_hidden * m.RmsNormEps);

            // Embedding rows get the extra columns: [√(d·ε), 0, ...].
            var extra = zeros([m.VocabSize, Pad], dtype, device);
            extra.narrow(1, 0, 1).fill_(carrier);
            _embedding = cat([weights.Embedding, extra], 1).MoveToOuterDisposeScope();

            _lmHeadT = FoldNorm(weights.LmHead, weights.FinalNorm, sqrtD).t().MoveToOuterDisposeScope();
            foreach (var l in weights.Layers)
            {
                var qkv = FoldNorm(cat([l.Q, l.K, l.V], 0), l.InputNorm, sqrtD);
                var gateUp = FoldNorm(cat([l.Gate, l.Up], 0), l.PostAttentionNorm, sqrtD);
                _layers.Add(new FusedLayer(
                    qkv.t().MoveToOuterDisposeScope(),
                    PadRows(l.O).t().MoveToOuterDisposeScope(),
                    gateUp.t().MoveToOuterDisposeScope(),
                    PadRows(l.Down).t().MoveToOuterDisposeScope()));
            }

            // Rotation per position for q and k; identity for v.
            var r = tensor(Rotary.RotationMatrices(m, _maxPositions), [_maxPositions, _headDim, _headDim], ScalarType.Float32, device);
            var eye3 = eye(_headDim, _headDim, ScalarType.Float32, device).expand(_maxPositions, _headDim, _headDim);
            _rotary = stack([r, r, eye3], 1).to(dtype).contiguous().MoveToOuterDisposeScope();
        }
    }

    public string Name => BackendName;

    /// <summary>W [out, d] · diag(√d · normWeight), with zero input columns for the padding: [out, d+Pad].</summary>
    private static Tensor FoldNorm(Tensor w, Tensor normWeight, double sqrtD)
    {
        var scaled = w.mul(normWeight.mul(sqrtD).unsqueeze(0));
        return cat([scaled, zeros([w.shape[0], Pad], w.dtype, w.device)], 1).contiguous();
    }

    /// <summary>
    /// A linear (W [out, d], bias c) after a LayerNorm (γ, β): W·(n⊙γ + β) + c = (W·diag γ)·n + (W·β + c),
    /// so the LayerNorm itself needs no affine terms. Returns (W·diag γ)ᵀ [d, out] and the bias [out].
    /// </summary>
    private static (Tensor WT, Tensor Bias) FoldLayerNorm(Tensor w, Tensor? bias, Tensor gamma, Tensor? beta)
    {
        var wt = w.mul(gamma.unsqueeze(0)).t().contiguous();
        var b = BiasOrZero(bias, w);
        if (beta is not null) b = b.add(w.matmul(beta));
        return (wt, b);
    }

    private static Tensor BiasOrZero(Tensor? bias, Tensor w) => bias?.clone() ?? zeros([w.shape[0]], w.dtype, w.device);

    private static Tensor? CatBiases(Tensor? q, Tensor? k, Tensor? v, Tensor qw, Tensor kw, Tensor vw) =>
        q is null && k is null && v is null ? null : cat([BiasOrZero(q, qw), BiasOrZero(k, kw), BiasOrZero(v, vw)], 0);

    /// <summary>W [d, in] with zero output rows for the padding: [d+Pad, in], so residual adds leave the carrier alone.</summary>
    private static Tensor PadRows(Tensor w) =>
        cat([w, zeros([Pad, w.shape[1]], w.dtype, w.device)], 0).contiguous();

    public GenerationResult Generate(Tensor prompt, int newTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newTokens, 1);
        long batch = prompt.shape[0], promptLen = prompt.shape[1];
        if (promptLen + newTokens - 1 > _maxPositions)
            throw new ArgumentException($"prompt {promptLen} + {newTokens} new tokens exceeds the model's {_maxPositions} positions");
        using var mode = inference_mode();
        EnsureCache(batch);
        var meter = new HostCostMeter();
        var produced = new List<Tensor>(newTokens);
        try
        {
            Tensor ids = prompt.reshape(-1);
            long start = 0, t = promptLen;
            for (var step = 0; step < newTokens; step++)
            {
                using var scope = NewDisposeScope();
                var next = _opt ? OptStep(ids, batch, t, start, allLogits: false, meter)
                                : Step(ids, batch, t, start, allLogits: false, meter);   // [B] on the device
                start += t;
                t = 1;
                ids = next.MoveToOuterDisposeScope();
                produced.Add(ids);
            }
            meter.Issued();
            using var all = stack(produced, 1);
            using var onHost = all.cpu();                                  // the one wait for the device
            var flat = onHost.data<long>().ToArray();
            var tokens = new long[batch][];
            for (var b = 0; b < batch; b++) tokens[b] = flat.AsSpan((int)(b * newTokens), newTokens).ToArray();
            return meter.Finish(tokens);
        }
        finally
        {
            foreach (var p in produced) p.Dispose();
        }
    }

    public Tensor Logits(Tensor tokens)
    {
        using var mode = inference_mode();
        long batch = tokens.shape[0], t = tokens.shape[1];
        EnsureCache(batch);
        using var scope = NewDisposeScope();
        var logits = _opt ? OptStep(tokens.reshape(-1), batch, t, 0, allLogits: true, meter: null)
                          : Step(tokens.reshape(-1), batch, t, 0, allLogits: true, meter: null);
        return logits.view(batch, t, -1).to(ScalarType.Float32).cpu().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One forward over t tokens per sequence (ids flat, [B·t]) at positions start..start+t-1.
    /// Returns the greedy next token [B], or with allLogits the logits [B·t, V].
    /// </summary>
    private Tensor Step(Tensor ids, long b, long t, long start, bool allLogits, HostCostMeter? meter)
    {
        if (t > 1 && start != 0) throw new NotSupportedException("a multi-token step must start at position 0 (prefill)");
        var len = start + t;
        var causal = t > 1;
        var x = _embedding.index_select(0, ids);                  // [B·t, d+Pad]
        var pos = arange(start, len, ScalarType.Int64, _w.Device);
        var rot = _rotary.narrow(0, start, t);                    // [t, 3, D, D]
        for (var i = 0; i < _layers.Count; i++)
        {
            var l = _layers[i];
            var cache = _cache![i];
            Tensor q, attn;
            if (_kvHeads == _heads)
            {
                var qkv = F.normalize(x, 2, -1).mm(l.QkvT)              // [B·t, 3d]
                    .view(b, t, 3, _heads, _headDim).matmul(rot)        // rotary on q, k
                    .permute(2, 0, 3, 1, 4);                            // [3, B, H, t, D]
                q = qkv.select(0, 0);
                cache.index_copy_(3, pos, qkv.narrow(0, 1, 2));
                var kv = cache.narrow(3, 0, len).unbind(0);
                attn = F.scaled_dot_product_attention(q, kv[0], kv[1], null, 0.0, causal);   // [B, H, t, D]
            }
            else
            {
                // Grouped-query attention: q has H heads, k and v KV heads each.
                var qkv = F.normalize(x, 2, -1).mm(l.QkvT);             // [B·t, (H + 2·KV)·D]
                q = qkv.narrow(1, 0, _hidden).view(b, t, 1, _heads, _headDim).matmul(rot.narrow(1, 0, 1))
                    .permute(2, 0, 3, 1, 4).select(0, 0);               // [B, H, t, D]
                var kvNew = qkv.narrow(1, _hidden, 2L * _kvHeads * _headDim).view(b, t, 2, _kvHeads, _headDim)
                    .matmul(rot.narrow(1, 1, 2)).permute(2, 0, 3, 1, 4);  // [2, B, KV, t, D]
                cache.index_copy_(3, pos, kvNew);
                var kv = cache.narrow(3, 0, len).unbind(0);
                var group = _heads / _kvHeads;
                var k = kv[0].unsqueeze(2).expand(b, _kvHeads, group, len, _headDim).reshape(b, _heads, len, _headDim);
                var v = kv[1].unsqueeze(2).expand(b, _kvHeads, group, len, _headDim).reshape(b, _heads, len, _headDim);
                attn = F.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
            }
            attn = t == 1 ? attn.reshape(b, _hidden) : attn.transpose(1, 2).reshape(b * t, _hidden);
            x.addmm_(attn, l.OT);

            var gu = F.normalize(x, 2, -1).mm(l.GateUpT).chunk(2, -1);
            x.addmm_(gu[0].silu_().mul_(gu[1]), l.DownT);
            // index_copy_, addmm_ ×2, silu_, mul_ make no new handle; unbind and chunk make one too many each.
            meter?.Correct(5 - 2);
        }
        if (allLogits) return F.normalize(x, 2, -1).mm(_lmHeadT);
        var last = t == 1 ? x : x.view(b, t, -1).select(1, t - 1);
        return F.normalize(last, 2, -1).mm(_lmHeadT).argmax(-1);
    }

    /// <summary>
    /// <see cref="Step"/> for the OPT family: learned positions, folded pre-LN LayerNorms, biases,
    /// fc1 + ReLU + fc2; the same KV cache and attention as the LLaMA path.
    /// </summary>
    private Tensor OptStep(Tensor ids, long b, long t, long start, bool allLogits, HostCostMeter? meter)
    {
        if (t > 1 && start != 0) throw new NotSupportedException("a multi-token step must start at position 0 (prefill)");
        var len = start + t;
        var causal = t > 1;
        var pos = arange(start, len, ScalarType.Int64, _w.Device);
        var x = _embedding.index_select(0, ids).view(b, t, _hidden)
            .add_(_positions!.narrow(0, start, t)).view(b * t, _hidden);          // [B·t, d]
        long kvWidth = (long)_kvHeads * _headDim;
        for (var i = 0; i < _optLayers.Count; i++)
        {
            var l = _optLayers[i];
            var cache = _cache![i];
            var qkv = addmm(l.QkvBias, F.layer_norm(x, [_hidden], eps: _eps), l.QkvT, 1, 1);   // [B·t, d + 2·KV·D]
            var q = qkv.narrow(1, 0, _hidden).view(b, t, _heads, _headDim).transpose(1, 2);   // [B, H, t, D]
            var kvNew = qkv.narrow(1, _hidden, 2 * kvWidth).view(b, t, 2, _kvHeads, _headDim).permute(2, 0, 3, 1, 4);
            cache.index_copy_(3, pos, kvNew);
            var kv = cache.narrow(3, 0, len).unbind(0);
            Tensor k = kv[0], v = kv[1];
            if (_kvHeads != _heads)
            {
                var group = _heads / _kvHeads;
                k = k.unsqueeze(2).expand(b, _kvHeads, group, len, _headDim).reshape(b, _heads, len, _headDim);
                v = v.unsqueeze(2).expand(b, _kvHeads, group, len, _headDim).reshape(b, _heads, len, _headDim);
            }
            var attn = F.scaled_dot_product_attention(q, k, v, null, 0.0, causal);
            attn = t == 1 ? attn.reshape(b, _hidden) : attn.transpose(1, 2).reshape(b * t, _hidden);
            x.addmm_(attn, l.OT).add_(l.OBias);

            var hid = addmm(l.Fc1Bias, F.layer_norm(x, [_hidden], eps: _eps), l.Fc1T, 1, 1).relu_();
            x.addmm_(hid, l.Fc2T).add_(l.Fc2Bias);
            // index_copy_, addmm_ ×2, add_ ×2, relu_ make no new handle; unbind makes one too many.
            meter?.Correct(6 - 1);
        }
        var normed = F.layer_norm(allLogits || t == 1 ? x : x.view(b, t, -1).select(1, t - 1), [_hidden], eps: _eps);
        var logits = addmm(_lmHeadBias!, normed, _lmHeadT, 1, 1);
        return allLogits ? logits : logits.argmax(-1);
    }

    private void EnsureCache(long batch)
    {
        if (_cache is not null && _cacheBatch == batch) return;
        DisposeCache();
        _cache = new Tensor[_opt ? _optLayers.Count : _layers.Count];
        for (var i = 0; i < _cache.Length; i++)
            _cache[i] = zeros([2, batch, _kvHeads, _maxPositions, _headDim], _w.DType, _w.Device);
        _cacheBatch = batch;
    }

    private void DisposeCache()
    {
        if (_cache is null) return;
        foreach (var c in _cache) c.Dispose();
        _cache = null;
    }

    public void Dispose()
    {
        DisposeCache();
        foreach (var l in _layers) l.Dispose();
        foreach (var l in _optLayers) l.Dispose();
        _embedding.Dispose();
        _lmHeadT.Dispose();
        _lmHeadBias?.Dispose();
        _positions?.Dispose();
        _rotary.Dispose();
    }
}
