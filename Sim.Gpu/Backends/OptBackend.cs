using System.Globalization;
using Sim.Core.Errors;
using Sim.Gpu.Cuda;
using Sim.Gpu.Cuda.Native;
using Sim.Gpu.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Backends;

/// <summary>
/// LLaMA- and OPT-family decoding that owns its launch path: CUDA C kernels compiled at run time by NVRTC, cuBLAS
/// through P/Invoke, and the whole decode step captured as a CUDA graph, replayed once per token
/// (one host call per token). Batch 1, fp16, CUDA only.
/// <list type="bullet">
/// <item>Decode: per layer a fused RMSNorm+QKV GEMV, one attention kernel (rotary, KV-cache
/// write, flash-decoding splits of 128 keys and their combination; grouped-query attention when
/// the model has fewer key/value heads), O GEMV + residual, fused RMSNorm+gate-up GEMV with
/// SiLU·mul, down GEMV + residual; then RMSNorm+LM-head GEMV and a greedy argmax that also
/// advances the position. Position and token live in device memory, so one graph serves every
/// step of a context-length bucket (<see cref="ContextBuckets"/>). On sm_90 the GEMVs are
/// launched with programmatic dependent launch, released at the end of the previous GEMV's main
/// loop (the attention kernel releases its dependent at its start), so each GEMV's blocks take
/// their place as the previous kernel's blocks leave and issue their first weight loads before
/// waiting for its output (<see cref="OptSettings"/>: 254–256 against 247 tokens/s on the H200).</item>
/// <item>Prefill: cuBLAS GEMMs for the projections (residual adds as beta = 1), attention as two
/// strided-batched GEMMs around a causal softmax kernel.</item>
/// </list>
/// Reads the weights where libtorch holds them; fuses QKV and gate-up into one matrix each.
/// The OPT family (<see cref="Sim.Workloads.Models.ModelDescription.IsOpt"/>) runs the same step with
/// LayerNorms (weight and bias) fused into the GEMVs, a bias on every linear (added before the
/// output's rounding), fc1 with ReLU in place of gate-up (mode 3), learned positions added in the
/// embedding kernel, and rotary tables of cos 1, sin 0 (the attention kernel's rotation is then the
/// identity, exactly).
/// </summary>
public sealed class OptBackend : IInferenceBackend, IDescribedBackend
{
    public const string BackendName = "opt";

    /// <summary>Set to 1 to log where a decode step's device time goes (once, when the backend is made).</summary>
    public const string ProfileEnvVar = "VHKSIM_OPT_PROFILE";

    private const int H16 = 2;                 // bytes per fp16

    private readonly OptSettings _settings;
    private readonly GemvShape _shape;
    private readonly int _attThreads;
    private readonly Dictionary<int, int> _gemvResidentBlocks = new();   // by dynamic shared bytes
    private PdlScope _pdl;

    private readonly OptGemv _gemvPath;
    private readonly CudaEngine _gpu;
    private readonly LlamaKernels _k;
    private readonly ContextBuckets _buckets;
    private readonly GraphCache _graphs;
    private readonly List<Tensor> _fused = new();
    private readonly Layer[] _layers;
    private readonly ulong _embedding, _positions, _finalNorm, _finalNormBias, _lmHead;
    private readonly bool _gated;
    private readonly int _d, _f, _heads, _kvHeads, _headDim, _vocab, _maxPos, _qkvWidth;
    private readonly float _eps, _scale;
    // Decode buffers (fixed: the graphs hold their addresses).
    private readonly ulong _xd, _hd, _qkvd, _attnd, _gud, _actd, _logits, _partO, _partML, _counters, _state, _tokens, _cache, _cos, _sin;
    private Prefill? _prefill;
    private StepProfile? _profile;   // set only while one step is being profiled
    private readonly DecodeTimeline? _timeline;   // VHKSIM_OPT_TIMELINE=1: the kernels record their warps' timeline
    private readonly string? _timelineRecords;    // VHKSIM_OPT_TIMELINE_RECORDS: where the records go as CSV

    /// <summary>One layer's device addresses; biases and norm biases are 0 where the family has none.
    /// Ffn: gate and up rows interleaved (LLaMA) or fc1 (OPT); Down: down or fc2.</summary>
    private sealed record Layer(ulong InputNorm, ulong InputNormBias, ulong Qkv, ulong QkvBias, ulong O, ulong OBias,
                                ulong PostNorm, ulong PostNormBias, ulong Ffn, ulong FfnBias, ulong Down, ulong DownBias);

    /// <summary>Prefill buffers for up to <see cref="Rows"/> prompt tokens (grown on demand).</summary>
    private sealed record Prefill(int Rows, ulong Ids, ulong X, ulong H, ulong Qkv, ulong Q, ulong Attn, ulong Gu, ulong Act, ulong S, ulong P)
    {
        public IEnumerable<ulong> All => [Ids, X, H, Qkv, Q, Attn, Gu, Act, S, P];
    }

    public OptBackend(LlamaWeights weights, OptGemv gemvPath = OptGemv.Kernel)
    {
        var m = weights.Model;
        if (weights.Device.type != DeviceType.CUDA)
            throw new InputException($"backend {BackendName} runs on CUDA only (--device cuda); the weights are on {weights.Device}");
        if (weights.DType != ScalarType.Float16)
            throw new InputException($"backend {BackendName} runs fp16 weights only, got {weights.DType}");
        _d = m.HiddenSize;
        _f = m.IntermediateSize;
        _heads = m.NumAttentionHeads;
        _kvHeads = m.KeyValueHeads;
        _headDim = m.HeadDim;
        _qkvWidth = _d + 2 * m.KeyValueSize;
        _vocab = m.VocabSize;
        _maxPos = m.MaxPositionEmbeddings;
        _eps = (float)m.NormEps;
        _gated = m.GatedFfn;
        _scale = (float)(1.0 / Math.Sqrt(_headDim));
        if (_headDim % 8 != 0 || _headDim > 128 || _d % 8 != 0 || _f % 8 != 0)
            throw new InputException($"backend {BackendName} needs a head dimension that is a multiple of 8 and at most " +
                                     "128, and hidden and intermediate sizes that are multiples of 8 " +
                                     $"(model {m.Name}: head {_headDim}, hidden {_d}, intermediate {_f})");
        _gemvPath = gemvPath;
        _settings = OptSettings.FromEnvironment();
        _timelineRecords = DecodeTimeline.RecordsFile(Environment.GetEnvironmentVariable);
        _shape = _settings.Gemv;
        _buckets = ContextBuckets.For(_maxPos, _settings.AttentionChunk);
        _attThreads = Math.Max(_settings.AttentionChunk, (_headDim + 31) / 32 * 32);

        _gpu = CudaEngine.Create();
        _pdl = _gpu.ComputeCapability.Major >= 9 ? _settings.Pdl : PdlScope.Off;
        try
        {
            _k = new LlamaKernels(_gpu, _headDim, _shape, _settings.AttentionChunk,
                $"GEMV_MINBLOCKS={_settings.GemvMinBlocks}", $"GEMV_TRIGGER_END={(_settings.PdlTriggerAtEnd ? 1 : 0)}",
                $"ATT_EARLY_LOADS={(_settings.AttentionEarlyLoads ? 1 : 0)}", $"TIMELINE={(DecodeTimeline.Requested ? 1 : 0)}",
                $"GEMV_MMA={(_settings.GemvTensorCores ? 1 : 0)}", $"ATT_PUSH={(_settings.AttentionPush ? 1 : 0)}",
                $"ATT_VALUES_LATE={(_settings.AttentionValuesLate ? 1 : 0)}", $"ATT_WARPS={(_settings.AttentionKeysByWarps ? 1 : 0)}",
                $"ATT_RELEASE_AT_Q={(_settings.AttentionReleaseAtQ ? 1 : 0)}");
            var layerNorm = m.UsesLayerNorm;
            LlamaKernels.AllowSharedBytes(_k.Gemv, Math.Max(GemvSharedBytes(_d, true, layerNorm), GemvSharedBytes(_f, false, false)));
            foreach (var bytes in new[] { GemvSharedBytes(_d, true, layerNorm), GemvSharedBytes(_d, false, false), GemvSharedBytes(_f, false, false) })
                _gemvResidentBlocks[bytes] = _gpu.ResidentBlocks(_k.Gemv, _shape.Threads, bytes);

            using (inference_mode())
            using (NewDisposeScope())
            {
                Tensor Keep(Tensor t)
                {
                    var c = t.contiguous().MoveToOuterDisposeScope();
                    _fused.Add(c);
                    return c;
                }
                ulong Opt(Tensor? t) => t is null ? 0UL : TensorMemory.Address(Keep(t));
                ulong QkvBias(LayerWeights l) => l.QBias is null && l.KBias is null && l.VBias is null ? 0UL
                    : Opt(cat([l.QBias ?? ZeroBias(l.Q), l.KBias ?? ZeroBias(l.K), l.VBias ?? ZeroBias(l.V)], 0));
                static Tensor ZeroBias(Tensor w) => zeros([w.shape[0]], w.dtype, w.device);
                _layers = weights.Layers.Select(l => new Layer(
                    TensorMemory.Address(Keep(l.InputNorm)), Opt(l.InputNormBias),
                    TensorMemory.Address(Keep(cat([l.Q, l.K, l.V], 0))), QkvBias(l),
                    TensorMemory.Address(Keep(l.O)), Opt(l.OBias),
                    TensorMemory.Address(Keep(l.PostAttentionNorm)), Opt(l.PostAttentionNormBias),
                    // Gate and up rows interleaved: the GEMV's unit i reads rows 2i, 2i+1 (one contiguous
                    // piece, so "the first rows" of the matrix are the first units' weights). OPT: fc1.
                    _gated ? TensorMemory.Address(Keep(stack([l.Gate, l.Up], 1).reshape(2L * _f, _d))) : TensorMemory.Address(Keep(l.Up)),
                    Opt(l.UpBias),
                    TensorMemory.Address(Keep(l.Down)), Opt(l.DownBias))).ToArray();
                _embedding = TensorMemory.Address(Keep(weights.Embedding));
                // OPT's learned positions: row p + offset holds position p; the kernel reads from the offset on.
                _positions = m.LearnedPositions
                    ? Opt((weights.Positions ?? throw new InputException($"model {m.Name} has learned positions but its weights carry no position table"))
                        .narrow(0, m.PositionOffset, _maxPos))
                    : 0UL;
                _finalNorm = TensorMemory.Address(Keep(weights.FinalNorm));
                _finalNormBias = Opt(weights.FinalNormBias);
                _lmHead = TensorMemory.Address(Keep(weights.LmHead));
            }
            // The fused copies were made on libtorch's stream; ours does not wait for it.
            torch.cuda.synchronize();
            _gpu.MakeCurrent();

            _xd = _gpu.Alloc((long)_d * H16);
            _hd = _gpu.Alloc((long)_d * H16);
            _qkvd = _gpu.Alloc((long)_qkvWidth * H16);
            _attnd = _gpu.Alloc((long)_d * H16);
            _gud = _gpu.Alloc(2L * _f * H16);   // the cuBLAS path's gate-up output
            _actd = _gpu.Alloc((long)_f * H16);
            _logits = _gpu.Alloc((long)_vocab * H16);
            _partO = _gpu.Alloc((long)_heads * _buckets.MaxSplits * _headDim * sizeof(float));
            _partML = _gpu.Alloc((long)_heads * _buckets.MaxSplits * 2 * sizeof(float));
            _counters = _gpu.Alloc((long)_heads * sizeof(int));
            _gpu.Upload<int>(_counters, new int[_heads]);    // the attention kernel leaves them at 0
            _state = _gpu.Alloc(4 * sizeof(int));
            _tokens = _gpu.Alloc((_maxPos + 1L) * sizeof(int));
            // One allocation: each layer's keys, then its values (Cache).
            _cache = _gpu.Alloc(2L * _layers.Length * HeadCacheBytes * _kvHeads);
            (_cos, _sin) = UploadRotary(m);
            if (DecodeTimeline.Requested)
            {
                // A record per GEMV warp (at most one per unit of the widest matrix) and per attention block.
                var widest = Math.Max(Math.Max(_qkvWidth, 2 * _f), _vocab) / 2 + 64 * _shape.Warps;
                _timeline = new DecodeTimeline(_gpu, _k, (4 * _layers.Length + 1) * widest + _layers.Length * _heads * _buckets.MaxSplits);
            }

            var pdlNote = "";
            try
            {
                _graphs = CaptureGraphs();
            }
            catch (CudaException e) when (_pdl != PdlScope.Off)
            {
                // A driver that cannot capture programmatic launches: the same graphs without them.
                _pdl = PdlScope.Off;
                pdlNote = $" (programmatic dependent launch failed in capture: {e.Message}; captured without it)";
                _graphs = CaptureGraphs();
            }
            var profile = Environment.GetEnvironmentVariable(ProfileEnvVar) == "1" ? "\n" + ProfileDecode() : "";
            Details = string.Create(CultureInfo.InvariantCulture,
                $"opt: cuBLAS {_gpu.CublasVersion()} ({_gpu.Blas.Path}), NVRTC {_gpu.Nvrtc.Version()} ({_gpu.Nvrtc.Path}), " +
                $"driver CUDA {_gpu.DriverVersion}, sm_{_gpu.ComputeCapability.Major}{_gpu.ComputeCapability.Minor}; " +
                $"kernels compiled in {_k.CompileSeconds:0.00} s; decode GEMV: {(_gemvPath == OptGemv.Kernel ? "own kernel" : "cuBLAS")}; " +
                $"{_settings with { Pdl = _pdl }}{pdlNote}; " +
                $"{_graphs.Captured} decode graphs (context buckets of {_buckets.BucketSize}); " +
                $"attention blocks resident at once: {_gpu.ResidentBlocks(_k.AttnDecode, _attThreads, 0)}; " +
                $"GEMV kernel {LlamaKernels.Resources(_k.Gemv)}, attention {LlamaKernels.Resources(_k.AttnDecode)}") + profile;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name => BackendName;

    private GraphCache CaptureGraphs()
    {
        var graphs = new GraphCache(_buckets.Count, b => _gpu.Capture(() => RecordDecodeStep(_buckets.Splits(b))), _gpu.DestroyGraph);
        try
        {
            graphs.CaptureAll();
            _gpu.Synchronize();
            return graphs;
        }
        catch
        {
            graphs.Dispose();
            throw;
        }
    }

    public string Details { get; } = "";

    public GenerationResult Generate(Tensor prompt, int newTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newTokens, 1);
        var promptLen = CheckPrompt(prompt);
        if (promptLen + newTokens - 1 > _maxPos)
            throw new ArgumentException($"prompt {promptLen} + {newTokens} new tokens exceeds the model's {_maxPos} positions");
        var meter = new HostCostMeter();
        _gpu.MakeCurrent();
        var calls = RunPrefill(prompt, allLogits: false);
        for (var step = 1; step < newTokens; step++)
        {
            // The token of this step sits at position promptLen + step - 1; it attends to promptLen + step keys.
            _gpu.LaunchGraph(_graphs.Get(_buckets.IndexOf(promptLen + step)));
            calls++;
        }
        meter.Issued();
        var tokens = new int[newTokens];
        _gpu.Download<int>(tokens, _tokens);
        meter.Correct(calls + 1);
        return meter.Finish([tokens.Select(t => (long)t).ToArray()]);
    }

    public Tensor Logits(Tensor tokens)
    {
        var t = CheckPrompt(tokens);
        _gpu.MakeCurrent();
        var all = _gpu.Alloc((long)t * _vocab * H16);
        try
        {
            RunPrefill(tokens, allLogits: true);
            var p = _prefill!;
            NormRows(p.X, _finalNorm, _finalNormBias, p.H, t);
            _gpu.Linear(_lmHead, p.H, all, t, _vocab, _d, 0f);
            var host = new Half[t * _vocab];
            _gpu.Download<Half>(host, all);
            var f = new float[host.Length];
            for (var i = 0; i < f.Length; i++) f[i] = (float)host[i];
            return tensor(f, [1, t, _vocab], ScalarType.Float32);
        }
        finally
        {
            _gpu.Free(all);
        }
    }

    private int CheckPrompt(Tensor prompt)
    {
        if (prompt.dim() != 2) throw new ArgumentException("the prompt must be [batch, tokens]");
        if (prompt.shape[0] != 1)
            throw new InputException($"backend {BackendName} runs batch 1 only; this case has batch {prompt.shape[0]}");
        var t = (int)prompt.shape[1];
        if (t < 1 || t > _maxPos) throw new ArgumentException($"the prompt must have 1..{_maxPos} tokens, got {t}");
        return t;
    }

    /// <summary>
    /// The prompt's forward pass: fills the KV cache, and (unless allLogits) picks the first token
    /// and sets the device state {position, token, step} for decoding. Returns the host calls made.
    /// </summary>
    private int RunPrefill(Tensor prompt, bool allLogits)
    {
        int t;
        long[] ids;
        using (var onHost = prompt.cpu())
        {
            ids = onHost.data<long>().ToArray();
            t = ids.Length;
        }
        var p = EnsurePrefill(t);
        _gpu.Upload<long>(p.Ids, ids);
        _gpu.Upload<int>(_state, [0, 0, 0, 0]);
        var calls = 3;
        Launch(_k.Embed, (uint)t, 1, 256, 0, _embedding, p.Ids, 0UL, _positions, p.X, _d);
        calls++;
        for (var i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var (kc, vc) = Cache(i);
            NormRows(p.X, l.InputNorm, l.InputNormBias, p.H, t);
            LinearBias(l.Qkv, l.QkvBias, p.H, p.Qkv, t, _qkvWidth, _d);
            Launch(_k.RopeKv, (uint)t, (uint)_heads, (uint)(_headDim / 2), 0, p.Qkv, _cos, _sin, p.Q, kc, vc, _heads, _kvHeads, _maxPos);
            // Scores S_h = Q_h K_gᵀ [t, t] per head h (g = h / group, its key/value head), causal
            // softmax, then O_h = P_h V_g (column-major views, see the notes). One batched GEMM
            // per member of a group, over the key/value heads.
            long headStride = (long)_maxPos * _headDim, group = _heads / _kvHeads, tt = (long)t * t;
            for (var g = 0L; g < group; g++)
                _gpu.BatchedGemm(CublasApi.OpT, CublasApi.OpN, t, t, _headDim,
                    kc, _headDim, headStride, p.Q + (ulong)(g * _headDim * H16), _d, group * _headDim,
                    p.S + (ulong)(g * tt * sizeof(float)), CublasApi.R32F, t, group * tt, _kvHeads);
            Launch(_k.SoftmaxCausal, (uint)t, (uint)_heads, 256, 0, p.S, p.P, t, _scale);
            for (var g = 0L; g < group; g++)
                _gpu.BatchedGemm(CublasApi.OpN, CublasApi.OpN, _headDim, t, t,
                    vc, _headDim, headStride, p.P + (ulong)(g * tt * H16), t, group * tt,
                    p.Attn + (ulong)(g * _headDim * H16), CublasApi.R16F, _d, group * _headDim, _kvHeads);
            ResidualLinear(l.O, l.OBias, p.Attn, p.X, p.H, t, _d, _d);
            NormRows(p.X, l.PostNorm, l.PostNormBias, p.H, t);
            if (_gated)
            {
                _gpu.Linear(l.Ffn, p.H, p.Gu, t, 2 * _f, _d, 0f);
                SiluMul(p.Gu, p.Act, t);
            }
            else
            {
                LinearBias(l.Ffn, l.FfnBias, p.H, p.Act, t, _f, _d);
                RowsOp(p.Act, 0UL, _f, t, 2);   // ReLU
            }
            ResidualLinear(l.Down, l.DownBias, p.Act, p.X, p.H, t, _d, _f);
            calls += 9 + 2 * (int)group;
        }
        if (allLogits) return calls;
        Gemv(_lmHead, p.X + (ulong)((t - 1L) * _d * H16), _logits, _vocab, _d, 0, _finalNorm, _finalNormBias, dependent: false);
        Launch(_k.ArgmaxStep, 1, 1, 1024, 0, _logits, _vocab, _state, _tokens, t);
        return calls + 2;
    }

    /// <summary>One decode step, as captured into a graph: the token in state[1] at position state[0].</summary>
    private void RecordDecodeStep(int splits)
    {
        var own = _gemvPath == OptGemv.Kernel;
        long d = _d, f = _f;
        long qkvBytes = (long)_qkvWidth * d * H16, oBytes = d * d * H16, guBytes = (_gated ? 2 : 1) * f * d * H16, downBytes = d * f * H16;
        var tail = (long)_settings.L2TailMb << 20;
        (ulong, long) Ahead(ulong w, long bytes) => (w, Math.Min(tail, bytes));   // the first rows of the next matrix
        Mark("embed");
        Launch(_k.Embed, 1, 1, 256, 0, _embedding, 0UL, _state, _positions, _xd, _d);   // the graph's first node: nothing to overlap
        for (var i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var (kc, vc) = Cache(i);
            if (own)
            {
                Mark("norm+qkv", (long)_qkvWidth * d * H16);
                Gemv(l.Qkv, _xd, _qkvd, _qkvWidth, _d, 0, l.InputNorm, l.InputNormBias, l.QkvBias, Ahead(l.O, oBytes));
            }
            else
            {
                Mark("norm");
                NormRows(_xd, l.InputNorm, l.InputNormBias, _hd, 1);
                Mark("qkv", (long)_qkvWidth * d * H16);
                LinearBias(l.Qkv, l.QkvBias, _hd, _qkvd, 1, _qkvWidth, _d);
            }
            Mark("rope+attention+combine");
            // The O projection's weights (past what the QKV GEMV's tail prefetched) into L2 meanwhile.
            var (oAhead, oAheadBytes) = own ? Ahead(l.O, oBytes) : (0UL, 0L);
            var attPf = own ? (l.O + (ulong)oAheadBytes, Math.Min(oBytes - oAheadBytes, (long)_settings.L2AttentionMb << 20)) : (0UL, 0L);
            // Splits of a head as one cluster where the hardware allows (sm_90, at most 8 blocks per cluster).
            var cluster = _settings.ClusterCombine && _gpu.ComputeCapability.Major >= 9 && splits <= 8 ? (uint)splits : 0u;
            var programmatic = _pdl == PdlScope.All;
            ReadOnlySpan<KernelArg> attArgs = [_qkvd, _state, _cos, _sin, kc, vc, _maxPos, _scale, _partO, _partML, _counters,
                _attnd, _heads, _kvHeads, attPf.Item1, (ulong)attPf.Item2, cluster > 0 ? 1 : 0];
            if (cluster > 0) _gpu.LaunchEx(_k.AttnDecode, (uint)_heads, (uint)splits, (uint)_attThreads, 0, programmatic, cluster, attArgs);
            else LaunchStep(_k.AttnDecode, programmatic, (uint)_heads, (uint)splits, (uint)_attThreads, 0, attArgs);
            if (own)
            {
                Mark("o+residual", d * d * H16);
                Gemv(l.O, _attnd, _xd, _d, _d, 1, bias: l.OBias, ahead: Ahead(l.Ffn, guBytes));
                Mark(_gated ? "norm+gate-up+silu" : "norm+fc1+relu", guBytes);
                Gemv(l.Ffn, _xd, _actd, _f, _d, _gated ? 2 : 3, l.PostNorm, l.PostNormBias, l.FfnBias, Ahead(l.Down, downBytes),
                    releaseAtWait: _settings.GateUpReleaseAtWait);
                Mark(_gated ? "down+residual" : "fc2+residual", d * f * H16);
                Gemv(l.Down, _actd, _xd, _d, _f, 1, bias: l.DownBias,
                    ahead: i + 1 < _layers.Length ? Ahead(_layers[i + 1].Qkv, qkvBytes) : Ahead(_lmHead, (long)_vocab * d * H16));
            }
            else
            {
                Mark("o+residual", d * d * H16);
                ResidualLinear(l.O, l.OBias, _attnd, _xd, _hd, 1, _d, _d);
                Mark("norm");
                NormRows(_xd, l.PostNorm, l.PostNormBias, _hd, 1);
                if (_gated)
                {
                    Mark("gate-up", 2 * f * d * H16);
                    _gpu.Linear(l.Ffn, _hd, _gud, 1, 2 * _f, _d, 0f);
                    Mark("silu");
                    SiluMul(_gud, _actd, 1);
                }
                else
                {
                    Mark("fc1", f * d * H16);
                    LinearBias(l.Ffn, l.FfnBias, _hd, _actd, 1, _f, _d);
                    Mark("relu");
                    RowsOp(_actd, 0UL, _f, 1, 2);
                }
                Mark("down+residual", d * f * H16);
                ResidualLinear(l.Down, l.DownBias, _actd, _xd, _hd, 1, _d, _f);
            }
        }
        Mark("lm-head", (long)_vocab * d * H16);
        if (own) Gemv(_lmHead, _xd, _logits, _vocab, _d, 0, _finalNorm, _finalNormBias, ahead: Ahead(_layers[0].Qkv, qkvBytes));   // the next step's
        else
        {
            NormRows(_xd, _finalNorm, _finalNormBias, _hd, 1);
            _gpu.Linear(_lmHead, _hd, _logits, 1, _vocab, _d, 0f);
        }
        Mark("argmax");
        LaunchStep(_k.ArgmaxStep, true, 1, 1, 1024, 0, _logits, _vocab, _state, _tokens, 1);
    }

    private void Mark(string label, long bytes = 0) => _profile?.Mark(label, bytes);

    /// <summary>
    /// Where a decode step's device time goes (VHKSIM_OPT_PROFILE=1): a 512-token prefill, one
    /// graph replay queued so the host runs ahead, then one step outside a graph with events
    /// between its parts; then the mean of 16 graph replays, timed with events.
    /// </summary>
    private string ProfileDecode()
    {
        var promptLen = Math.Min(512, _maxPos - 20);
        var ids = new long[promptLen];
        for (var i = 0; i < ids.Length; i++) ids[i] = 3 + i % (_vocab - 3);
        using var prompt = tensor(ids, [1, promptLen], ScalarType.Int64);
        RunPrefill(prompt, allLogits: false);
        _gpu.LaunchGraph(_graphs.Get(_buckets.IndexOf(promptLen + 1)));
        string parts;
        using (var profile = new StepProfile(_gpu.Stream))
        {
            _profile = profile;
            try
            {
                RecordDecodeStep(_buckets.Splits(_buckets.IndexOf(promptLen + 2)));
            }
            finally
            {
                _profile = null;
            }
            parts = profile.Report($"opt profile, one decode step at context {promptLen + 2}");
        }
        using var replays = new StepProfile(_gpu.Stream);
        replays.Mark("graph replay");
        const int n = 16;
        for (var i = 0; i < n; i++) _gpu.LaunchGraph(_graphs.Get(_buckets.IndexOf(promptLen + 3 + i)));
        var r = replays.Report($"{n} graph replays");
        if (_timeline is null) return parts + "\n" + r;
        var records = _timeline.Capture(() => _gpu.LaunchGraph(_graphs.Get(_buckets.IndexOf(promptLen + 3 + n))));
        var launches = TimelineLaunches();
        if (_timelineRecords is { } file) Sim.Core.IO.AtomicFile.WriteAllText(file, DecodeTimeline.Csv(records, launches));
        return parts + "\n" + r + "\n" + DecodeTimeline.Report(records, launches);
    }

    /// <summary>The decode step's recorded launches in order, as <see cref="RecordDecodeStep"/> makes them.</summary>
    private List<DecodeTimeline.Launch> TimelineLaunches()
    {
        long d = _d, f = _f;
        var launches = new List<DecodeTimeline.Launch>();
        for (var i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            launches.Add(new("qkv", i, l.Qkv, (long)_qkvWidth * d * H16));
            launches.Add(new("attention", i, Cache(i).K, 0));
            launches.Add(new("o", i, l.O, d * d * H16));
            launches.Add(new(_gated ? "gate-up" : "fc1", i, l.Ffn, (_gated ? 2 : 1) * f * d * H16));
            launches.Add(new(_gated ? "down" : "fc2", i, l.Down, d * f * H16));
        }
        launches.Add(new("lm-head", _layers.Length, _lmHead, (long)_vocab * d * H16));
        return launches;
    }

    /// <summary>
    /// The GEMV kernel; mode 0 store, 1 add to y, 2 SiLU·mul of [gate; up] (n = F pairs).
    /// dependent: launched as a decode-step kernel (programmatic dependent launch when on).
    /// </summary>
    /// <param name="norm">RMSNorm weight, or with <paramref name="normBias"/> LayerNorm weight (0: x is used as it is)</param>
    /// <param name="bias">the linear's bias (0: none)</param>
    /// <param name="ahead">weights of the next matrix for the warps to prefetch into L2 when their own loads are issued</param>
    /// <param name="releaseAtWait">the next kernel may launch once this one's wait returns (see the kernel)</param>
    private void Gemv(ulong w, ulong x, ulong y, int n, int k, int mode, ulong norm = 0, ulong normBias = 0, ulong bias = 0,
                      (ulong Address, long Bytes) ahead = default, bool dependent = true, bool releaseAtWait = false)
    {
        var units = mode == 2 ? n : (n + 1) / 2;
        var blocks = (units + _shape.Warps - 1) / _shape.Warps;
        var shared = GemvSharedBytes(k, norm != 0, normBias != 0);
        if (_settings.Grid != GemvGrid.Units)
        {
            var resident = _gemvResidentBlocks[shared];
            if (_settings.Grid == GemvGrid.Balanced)
            {
                // As few warps as still need the same number of rounds, so that every warp has as many units;
                // not where that idles a quarter of the warps or more (two rounds: LLaMA2-13B's O and down
                // projections measured 7 % slower per token with half their warps), since the warps' loads in
                // flight are what keeps the memory busy.
                var rounds = (units + resident * _shape.Warps - 1) / (resident * _shape.Warps);
                var warps = (units + rounds - 1) / rounds;
                if (4 * warps >= 3 * resident * _shape.Warps) resident = (warps + _shape.Warps - 1) / _shape.Warps;
            }
            blocks = Math.Min(blocks, resident);
        }
        ReadOnlySpan<KernelArg> args = [w, x, norm, normBias, _eps, bias, y, n, k, mode,
            ahead.Address, (ulong)ahead.Bytes, releaseAtWait ? 1 : 0];
        if (dependent) LaunchStep(_k.Gemv, true, (uint)blocks, 1, (uint)_shape.Threads, (uint)shared, args);
        else Launch(_k.Gemv, (uint)blocks, 1, (uint)_shape.Threads, (uint)shared, args);
    }

    /// <summary>Prefill (and the cuBLAS path): rows of x RMS- or layer-normalized into <paramref name="out"/>.</summary>
    private void NormRows(ulong x, ulong w, ulong bias, ulong @out, int rows)
    {
        if (bias != 0) Launch(_k.LayerNormRows, (uint)rows, 1, 256, 0, x, w, bias, _eps, @out, _d);
        else Launch(_k.RmsNormRows, (uint)rows, 1, 256, 0, x, w, _eps, @out, _d);
    }

    /// <summary>y [rows, n] = x W^T (+ bias, added before the rounding: y is filled with it, then a GEMM with beta 1).</summary>
    private void LinearBias(ulong w, ulong bias, ulong x, ulong y, int rows, int n, int k)
    {
        if (bias != 0) RowsOp(y, bias, n, rows, 0);
        _gpu.Linear(w, x, y, rows, n, k, bias != 0 ? 1f : 0f);
    }

    /// <summary>
    /// The residual add after a projection: without a bias one GEMM with beta 1 into x; with one
    /// (OPT) the projection and its bias into <paramref name="scratch"/>, rounded, then added to x.
    /// </summary>
    private void ResidualLinear(ulong w, ulong bias, ulong input, ulong x, ulong scratch, int rows, int n, int k)
    {
        if (bias == 0)
        {
            _gpu.Linear(w, input, x, rows, n, k, 1f);
            return;
        }
        LinearBias(w, bias, input, scratch, rows, n, k);
        RowsOp(x, scratch, n, rows, 1);
    }

    private void RowsOp(ulong y, ulong s, int n, int rows, int op)
    {
        var total = (long)rows * n;
        var blocks = (uint)Math.Min((total + 255) / 256, 4096);
        Launch(_k.RowsOp, blocks, 1, 256, 0, y, s, n, rows, op);
    }

    /// <summary>The GEMV's dynamic shared memory: x as K floats, then the norm's K fp16 weights and, for a LayerNorm, its K biases
    /// (with the tensor-core products and a norm: room for both, then x as K fp16).</summary>
    private int GemvSharedBytes(int k, bool norm, bool layerNorm) =>
        _settings.GemvTensorCores && norm ? k * (sizeof(float) + 3 * H16)   // and x as fp16 after the norm's weights and biases
        : k * (sizeof(float) + (norm ? H16 : 0) + (layerNorm ? H16 : 0));

    /// <summary>
    /// A kernel of the decode step: with programmatic dependent launch when that is on and, for
    /// the attention kernel, when its scope is all kernels (<paramref name="programmatic"/>).
    /// </summary>
    private void LaunchStep(nint fn, bool programmatic, uint gx, uint gy, uint block, uint shared, params ReadOnlySpan<KernelArg> args)
    {
        if (_pdl != PdlScope.Off && programmatic) _gpu.LaunchDependent(fn, gx, gy, block, shared, args);
        else _gpu.Launch(fn, gx, gy, block, shared, args);
    }

    private void SiluMul(ulong gu, ulong act, int rows)
    {
        var total = (long)rows * _f;
        var blocks = (uint)Math.Min((total + 255) / 256, 4096);
        Launch(_k.SiluMulRows, blocks, 1, 256, 0, gu, act, _f, rows);
    }

    private void Launch(nint fn, uint gx, uint gy, uint block, uint shared, params ReadOnlySpan<KernelArg> args) =>
        _gpu.Launch(fn, gx, gy, block, shared, args);

    /// <summary>Bytes of one key (or value) head's cache: all positions.</summary>
    private long HeadCacheBytes => (long)_maxPos * _headDim * H16;

    /// <summary>Layer <paramref name="layer"/>'s key and value caches, [KVH, maxPos, D] each, the values right after the keys.</summary>
    private (ulong K, ulong V) Cache(int layer)
    {
        var k = _cache + (ulong)(2L * layer * _kvHeads * HeadCacheBytes);
        return (k, k + (ulong)(_kvHeads * HeadCacheBytes));
    }

    private Prefill EnsurePrefill(int rows)
    {
        if (_prefill is { } p && p.Rows >= rows) return p;
        if (_prefill is not null)
            foreach (var b in _prefill.All) _gpu.Free(b);
        long r = rows;
        _prefill = new Prefill(rows,
            _gpu.Alloc(r * sizeof(long)),
            _gpu.Alloc(r * _d * H16), _gpu.Alloc(r * _d * H16), _gpu.Alloc(r * _qkvWidth * H16), _gpu.Alloc(r * _d * H16),
            _gpu.Alloc(r * _d * H16), _gpu.Alloc(r * 2 * _f * H16), _gpu.Alloc(r * _f * H16),
            _gpu.Alloc((long)_heads * r * r * sizeof(float)), _gpu.Alloc((long)_heads * r * r * H16));
        return _prefill;
    }

    /// <summary>cos and sin per position for the first half of a head, rounded to fp16 as Hugging Face's cos.to(dtype).</summary>
    /// <summary>
    /// cos and sin per position for the first half of a head, rounded to fp16 as Hugging Face's
    /// cos.to(dtype); for learned positions (OPT) cos 1 and sin 0, which the kernels' rotation
    /// (x·cos − y·sin, each product rounded) turns into the identity exactly.
    /// </summary>
    private (ulong Cos, ulong Sin) UploadRotary(Sim.Workloads.Models.ModelDescription m)
    {
        var (cos, sin) = m.LearnedPositions ? IdentityRotation() : Rotary.Tables(m, _maxPos);
        var half = _headDim / 2;
        var c = new float[_maxPos * half];
        var s = new float[_maxPos * half];
        for (var p = 0; p < _maxPos; p++)
            for (var i = 0; i < half; i++)
            {
                c[p * half + i] = (float)(Half)cos[p, i];
                s[p * half + i] = (float)(Half)sin[p, i];
            }
        var dc = _gpu.Alloc(c.Length * sizeof(float));
        var ds = _gpu.Alloc(s.Length * sizeof(float));
        _gpu.Upload<float>(dc, c);
        _gpu.Upload<float>(ds, s);
        return (dc, ds);
    }

    private (float[,] Cos, float[,] Sin) IdentityRotation()
    {
        var cos = new float[_maxPos, _headDim];
        for (var p = 0; p < _maxPos; p++)
            for (var i = 0; i < _headDim; i++) cos[p, i] = 1f;
        return (cos, new float[_maxPos, _headDim]);
    }

    public void Dispose()
    {
        _graphs?.Dispose();
        _k?.Dispose();
        _gpu?.Dispose();
        foreach (var t in _fused) t.Dispose();
        _fused.Clear();
    }
}
