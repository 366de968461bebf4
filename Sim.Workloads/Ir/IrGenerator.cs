using Sim.Core.Errors;
using Sim.Workloads.Models;

namespace Sim.Workloads.Ir;

/// <summary>
/// Builds the IR of a decoder-only model for one (stage, L), following the artifact's generation
/// rule (spec §1.5–§1.7). Every size comes from the <see cref="ModelDescription"/>; for
/// <c>configs/models/llama2-7b.yaml</c> the result, written by <see cref="IrWriter"/>, is
/// byte-identical to the 144 reference files.
/// <list type="bullet">
/// <item>LLaMA family: the reference's block. With grouped-query attention (fewer key/value
/// heads), k_proj and v_proj are KV·D wide, the k RoPE, the KV-cache concats and the K/V inputs
/// of attention have KV heads, and the attention layers' inputs say so: A <c>[H, M, K]</c>, B
/// <c>[KV, K, N]</c> (each key/value head serves H/KV query heads).</item>
/// <item>OPT family, in the same style and names where the layer is the same: the input layer
/// gives the token and the learned position embeddings and an eltwise add joins them; each
/// LayerNorm has a bias (<c>bias_flag: true, RMS_flag: false</c>); every block linear has a bias;
/// no RoPE (q and k go straight to attention); the FFN is <c>fc1_layer</c> with
/// <c>relu_flag: true</c> and <c>fc2_layer</c>, no gate, no separate activation layer (the MM/MV
/// instruction's relu_flag applies it at the engine's output).</item>
/// </list>
/// </summary>
/// <remarks>
/// Valid token lengths L (see <see cref="CheckTokens"/>): a multiple of 16 from 16 to the
/// model's max_position_embeddings, for both stages. 16 is the FSB block the accelerator tiles
/// attention by (masks are cropped to L/16 blocks, decode attention streams L/16 key blocks),
/// and it implies the IR's own rules (prefill M = L &gt; 1; decode L ≥ 2 so the KV cache being
/// extended is not empty). The reference's buckets are a subset: prefill 128, 256, …; decode 16,
/// 32, … (<see cref="Buckets"/>).
/// </remarks>
public sealed class IrGenerator
{
    /// <summary>L must be a multiple of this (FSB_BLOCK_SIZE).</summary>
    public const int TokenGranularity = 16;
    /// <summary>The artifact's run.py aligns prefill lengths to this (its prefill buckets).</summary>
    public const int PrefillBucket = 128;
    /// <summary>The artifact's run.py aligns decode lengths to this (its decode buckets).</summary>
    public const int DecodeBucket = 16;

    private readonly ModelDescription _m;
    private readonly int _h, _ffn, _heads, _kvHeads, _hd, _vocab, _layers, _maskBlock;

    public IrGenerator(ModelDescription model)
    {
        _m = model;
        _h = model.HiddenSize;
        _ffn = model.IntermediateSize;
        _heads = model.NumAttentionHeads;
        _kvHeads = model.KeyValueHeads;
        _hd = model.HeadDim;
        _vocab = model.VocabSize;
        _layers = model.NumHiddenLayers;
        _maskBlock = model.IrMaskBlock;
        CheckModel();
    }

    public ModelDescription Model => _m;

    /// <summary>The reference's file name for (stage, L), e.g. <c>llama2_decode_token_512.yaml</c>.</summary>
    public string FileName(Stage stage, int tokens) => IrProgram.FileName(stage, tokens, _m.FilePrefix);

    /// <summary>The bucket lengths up to <paramref name="maxLen"/>: prefill 128, 256, …; decode 16, 32, ….</summary>
    public static IEnumerable<int> Buckets(Stage stage, int maxLen)
    {
        int step = stage == Stage.Prefill ? PrefillBucket : DecodeBucket;
        for (int l = step; l <= maxLen; l += step) yield return l;
    }

    /// <summary>Throws <see cref="InputException"/> unless L is valid for this model (see the class remarks).</summary>
    public void CheckTokens(Stage stage, int tokens)
    {
        string what = stage == Stage.Prefill ? "prefill token length (the prompt)" : "decode token length (the context, new token included)";
        if (tokens < TokenGranularity || tokens % TokenGranularity != 0)
            throw new InputException($"{what} must be a positive multiple of {TokenGranularity} (the FSB block), got {tokens}");
        if (tokens > _m.MaxPositionEmbeddings)
            throw new InputException($"{what} {tokens} exceeds the model's max_position_embeddings {_m.MaxPositionEmbeddings} ({_m.Name})");
    }

    // The accelerator works on 16×16 blocks: every linear N and K must be whole blocks.
    private void CheckModel()
    {
        void Multiple(string key, int v)
        {
            if (v <= 0 || v % TokenGranularity != 0)
                throw new InputException($"model '{_m.Name}': {key} {v} must be a positive multiple of {TokenGranularity} for the FPGA IR (linear N and K are tiled in 16×16 blocks)");
        }
        Multiple("hidden_size", _h);
        Multiple("intermediate_size", _ffn);
        Multiple("vocab_size", _vocab);
        if (_heads <= 0 || _h % _heads != 0)
            throw new InputException($"model '{_m.Name}': hidden_size {_h} must be a multiple of num_attention_heads {_heads}");
        if (_kvHeads <= 0 || _heads % _kvHeads != 0)
            throw new InputException($"model '{_m.Name}': num_key_value_heads {_kvHeads} must divide num_attention_heads {_heads}");
        Multiple("num_key_value_heads × head dim", _kvHeads * _hd);
        if (_layers <= 0) throw new InputException($"model '{_m.Name}': num_hidden_layers must be positive");
        if (_maskBlock <= 0) throw new InputException($"model '{_m.Name}': ir_mask_block must be positive");
    }

    public IrProgram Generate(Stage stage, int tokens)
    {
        CheckTokens(stage, tokens);
        return new Build(this, stage, tokens).Run();
    }

    /// <summary>One generation: the per-(stage, L) names and shapes of spec §1.5.</summary>
    private sealed class Build
    {
        private readonly IrGenerator _g;
        private readonly bool _prefill;
        private readonly int _r, _m, _s;
        private readonly string _p;
        private readonly List<IrLayer> _out;
        private readonly Stage _stage;

        public Build(IrGenerator g, Stage stage, int tokens)
        {
            _g = g;
            _stage = stage;
            _prefill = stage == Stage.Prefill;
            _r = _prefill ? 0 : 1;                 // the round: 0 = prefill, 1 = decode
            _m = _prefill ? tokens : 1;            // query rows
            _s = tokens;                           // context length
            _p = $"round_{_r}_";
            int perBlock = (g._m.IsOpt ? 13 : 22) + (_prefill ? 0 : 2);
            _out = new List<IrLayer>(2 + g._layers * perBlock + 3);
        }

        // Every call makes a fresh tensor (the reference dump has no shared objects, spec §1.1).
        private static IrTensor T(string name, int b, int m, int k, string dtype = IrDTypes.Int8) => new(name, new Shape3(b, m, k), dtype);

        private IrTensor Act(string name, int k) => T(_p + name, 1, _m, k);                 // [1, M, K] activation
        private IrTensor Heads(string name, int m, int k) => T(name, _g._heads, m, k);       // [heads, m, k] view
        private IrTensor KvHeads(string name, int m, int k) => T(name, _g._kvHeads, m, k);   // [KV heads, m, k] view

        private static IrTensor Weight(string name, int k, int n, double density) =>
            new(name, new Shape3(1, k, n), IrDTypes.Int8, 0, density < 1 ? Sparsity.Sparse(density) : Sparsity.Dense);

        private static IrTensor Bias(string name, int n) => T(name, 1, 1, n, IrDTypes.Int32);

        private void Add(string name, LayerType type, IrTensor[] inputs, IrTensor[] outputs, IrTensor[]? param, IrStructure structure) =>
            _out.Add(new IrLayer(_p + name, type, inputs, outputs, param, structure));

        // A bias where the description's ir_bias says so, and on every linear but the LM head of a
        // family with linear biases (OPT; Hugging Face's OPT LM head has none).
        private bool HasBias(string projection) =>
            _g._m.IrBias.Contains(projection) || (_g._m.LinearBias && projection != "lm_head");

        private void Linear(string layer, string projection, IrTensor x, IrTensor y, int k, int n, bool relu = false)
        {
            bool bias = HasBias(projection);
            var w = Weight($"{layer}.weight", k, n, _g._m.Sparsity.Of(projection));
            IrTensor[] param = bias ? [w, Bias($"{layer}.bias", n)] : [w];
            Add(layer, _prefill ? LayerType.LinearMm : LayerType.LinearMv, [x], [y], param,
                new IrStructure(BiasFlag: bias, MaskMode: "none", ReluFlag: relu));
        }

        // RMSNorm (scale only) for LLaMA; LayerNorm with scale and bias for OPT.
        private void Norm(string layer, IrTensor x, IrTensor y)
        {
            bool layerNorm = _g._m.UsesLayerNorm;
            var scale = Weight($"{layer}.weight", 1, _g._h, 1);
            Add(layer, LayerType.Layernorm, [x], [y], layerNorm ? [scale, Bias($"{layer}.bias", _g._h)] : [scale],
                new IrStructure(BiasFlag: layerNorm, RmsFlag: !layerNorm));
        }

        private void Eltwise(string layer, IrTensor a, IrTensor b, IrTensor o, string kind) =>
            Add(layer, LayerType.Eltwise, [a, b], [o], null, new IrStructure(EltwiseType: kind));

        private IrTensor Mask(int i) => T($"attention_mask_{i}.mask", _g._heads, _g._maskBlock, _g._maskBlock, IrDTypes.Bool);

        private void Attention(string layer, int i, IrTensor a, IrTensor b, IrTensor o, string prefillMode) =>
            Add(layer, _prefill ? LayerType.AttentionMm : LayerType.AttentionMv, [a, b], [o], [Mask(i)],
                new IrStructure(BiasFlag: false, MaskMode: _prefill ? prefillMode : "none", ReluFlag: false));

        // q/k RoPE: x·sin and x·cos on the [heads, M, head_dim] view (k: KV heads), then their sum.
        private void Rope(char qk, int i, string result)
        {
            int hd = _g._hd;
            Func<string, int, int, IrTensor> view = qk == 'q' ? Heads : KvHeads;
            string before = $"{_p}{qk}_proj_out_before_RoPE_{i}";
            Eltwise($"{qk}_RoPE_eltwise_mul_sin_{i}", view(before, _m, hd), view(_p + "RoPE_sin_cache", _m, hd), view($"{_p}{qk}_RoPE_mul_sin_{i}", _m, hd), "eltwise_mul");
            Eltwise($"{qk}_RoPE_eltwise_mul_cos_{i}", view(before, _m, hd), view(_p + "RoPE_cos_cache", _m, hd), view($"{_p}{qk}_RoPE_mul_cos_{i}", _m, hd), "eltwise_mul");
            Eltwise($"{qk}_RoPE_eltwise_add_{i}", view($"{_p}{qk}_RoPE_mul_sin_{i}", _m, hd), view($"{_p}{qk}_RoPE_mul_cos_{i}", _m, hd), view(result, _m, hd), "eltwise_add");
        }

        public IrProgram Run()
        {
            int h = _g._h;
            if (_g._m.IsOpt)
            {
                // OPT: token embeddings plus learned position embeddings (rows p + 2 of the table, looked up with the tokens).
                Add("input_layer", LayerType.Input, [], [Act("embed_tokens", h), Act("embed_positions", h)], null, IrStructure.Empty);
                Eltwise("embed_positions_add_layer", Act("embed_tokens", h), Act("embed_positions", h), Act("hidden_states_0", h), "eltwise_add");
                for (int i = 0; i < _g._layers; i++) OptBlock(i);
            }
            else
            {
                Add("input_layer", LayerType.Input, [], [Act("hidden_states_0", h), Act("RoPE_sin_cache", h), Act("RoPE_cos_cache", h)], null, IrStructure.Empty);
                for (int i = 0; i < _g._layers; i++) Block(i);
            }
            int last = _g._layers - 1;
            Norm("final_layer_norm_layer_in_decoder", Act($"hidden_add_{last}", h), Act("final_hidden_states", h));
            Linear("lm_head_layer", "lm_head", Act("final_hidden_states", h), Act("logits", _g._vocab), h, _g._vocab);
            Add("output_layer", LayerType.Output, [Act("logits", _g._vocab)], [], null, IrStructure.Empty);
            return new IrProgram(_stage, _s, _out);
        }

        private void Block(int i)
        {
            int h = _g._h, f = _g._ffn, kv = _g._kvHeads * _g._hd;
            string keyT = $"round_{_r}_key_t_{i}";                       // K^T input of qkt
            string values = $"round_{_r + 1}_past_values_{i}";          // V input of qktv

            Norm($"input_layer_norm_layer_{i}", Act($"hidden_states_{i}", h), Act($"hidden_states_in_{i}", h));

            Linear($"q_proj_layer_{i}", "q_proj", Act($"hidden_states_in_{i}", h), Act($"q_proj_out_before_RoPE_{i}", h), h, h);
            Rope('q', i, $"{_p}q_proj_out_t_{i}");
            Linear($"k_proj_layer_{i}", "k_proj", Act($"hidden_states_in_{i}", h), Act($"k_proj_out_before_RoPE_{i}", kv), h, kv);
            Rope('k', i, _prefill ? keyT : $"{_p}k_proj_out_t_{i}");
            Linear($"v_proj_layer_{i}", "v_proj", Act($"hidden_states_in_{i}", h),
                _prefill ? T(values, 1, _m, kv) : Act($"v_proj_out_t_{i}", kv), h, kv);
            CacheAndAttention(i);

            OutProjection(i);
            Linear($"gate_layer_{i}", "gate_proj", Act($"hidden_layernorm_{i}", h), Act($"hidden_gate_{i}", f), h, f);
            Add($"activation_fn_layer_{i}", LayerType.Silu, [Act($"hidden_gate_{i}", f)], [Act($"hidden_silu_{i}", f)], null, IrStructure.Empty);
            Linear($"up_layer_{i}", "up_proj", Act($"hidden_layernorm_{i}", h), Act($"hidden_up_{i}", f), h, f);
            Eltwise($"hidden_mul_layer_{i}", Act($"hidden_up_{i}", f), Act($"hidden_silu_{i}", f), Act($"hidden_mul_{i}", f), "eltwise_mul");
            Linear($"down_layer_{i}", "down_proj", Act($"hidden_mul_{i}", f), Act($"hidden_down_{i}", h), f, h);
            Residual(i);
        }

        /// <summary>
        /// Decode: append the new token's key and value to the caches of length S-1. Then q·Kᵀ,
        /// softmax and ·V; K and V have the KV heads (grouped-query attention), q the query heads.
        /// </summary>
        private void CacheAndAttention(int i)
        {
            int hd = _g._hd;
            // Names that cross rounds: the KV cache of round r-1 feeds round r (spec §1.6).
            string keyT = $"round_{_r}_key_t_{i}";                       // K^T input of qkt
            string pastValues = $"round_{_r}_past_values_{i}";          // decode: the cache before this token
            string values = $"round_{_r + 1}_past_values_{i}";          // V input of qktv
            if (!_prefill)
            {
                Add($"concat_past_keys_{i}", LayerType.Concat,
                    [KvHeads($"round_{_r - 1}_key_t_{i}", _s - 1, hd), KvHeads($"{_p}k_proj_out_t_{i}", 1, hd)],
                    [KvHeads(keyT, _s, hd)], null, new IrStructure(Dim: 1));
                Add($"concat_past_values_{i}", LayerType.Concat,
                    [KvHeads(pastValues, _s - 1, hd), KvHeads($"{_p}v_proj_out_t_{i}", 1, hd)],
                    [KvHeads(values, _s, hd)], null, new IrStructure(Dim: 1));
            }
            Attention($"attention_qkt_{i}", i, Heads($"{_p}q_proj_out_t_{i}", _m, hd), KvHeads(keyT, hd, _s), Heads($"{_p}qkt_mm_{i}", _m, _s), "qkt");
            Add($"softmax_{i}", LayerType.Softmax, [Heads($"{_p}qkt_mm_{i}", _m, _s)], [Heads($"{_p}qkt_softmax_{i}", _m, _s)], null, new IrStructure(Dim: 2));
            Attention($"attention_qktv_{i}", i, Heads($"{_p}qkt_softmax_{i}", _m, _s), KvHeads(values, _s, hd), Heads($"{_p}qktv_t_{i}", _m, hd), "qktv");
        }

        // The attention output projection, the residual sum and the FFN's norm.
        private void OutProjection(int i)
        {
            int h = _g._h;
            Linear($"out_proj_layer_{i}", "o_proj", Act($"qktv_t_{i}", h), Act($"attn_output_{i}", h), h, h);
            Eltwise($"hidden_sum_layer_{i}", Act($"hidden_states_{i}", h), Act($"attn_output_{i}", h), Act($"hidden_sum_{i}", h), "eltwise_add");
            Norm($"final_layer_norm_layer_{i}", Act($"hidden_sum_{i}", h), Act($"hidden_layernorm_{i}", h));
        }

        // The FFN's residual add: the last block's sum is named hidden_add_{i}, the others feed block i+1 (spec §1.5, row 22).
        private void Residual(int i)
        {
            int h = _g._h;
            string next = i == _g._layers - 1 ? $"hidden_add_{i}" : $"hidden_states_{i + 1}";
            Eltwise($"hidden_add_layer_{i}", Act($"hidden_sum_{i}", h), Act($"hidden_down_{i}", h), Act(next, h), "eltwise_add");
        }

        /// <summary>An OPT block (pre-LN): LayerNorm, q/k/v with biases and no RoPE, attention, out_proj + residual, LayerNorm, fc1 with ReLU, fc2 + residual.</summary>
        private void OptBlock(int i)
        {
            int h = _g._h, f = _g._ffn, kv = _g._kvHeads * _g._hd;
            Norm($"input_layer_norm_layer_{i}", Act($"hidden_states_{i}", h), Act($"hidden_states_in_{i}", h));
            Linear($"q_proj_layer_{i}", "q_proj", Act($"hidden_states_in_{i}", h), Act($"q_proj_out_t_{i}", h), h, h);
            Linear($"k_proj_layer_{i}", "k_proj", Act($"hidden_states_in_{i}", h),
                _prefill ? T($"round_{_r}_key_t_{i}", 1, _m, kv) : Act($"k_proj_out_t_{i}", kv), h, kv);
            Linear($"v_proj_layer_{i}", "v_proj", Act($"hidden_states_in_{i}", h),
                _prefill ? T($"round_{_r + 1}_past_values_{i}", 1, _m, kv) : Act($"v_proj_out_t_{i}", kv), h, kv);
            CacheAndAttention(i);
            OutProjection(i);
            Linear($"fc1_layer_{i}", "up_proj", Act($"hidden_layernorm_{i}", h), Act($"hidden_fc1_{i}", f), h, f, relu: true);
            Linear($"fc2_layer_{i}", "down_proj", Act($"hidden_fc1_{i}", f), Act($"hidden_down_{i}", h), f, h);
            Residual(i);
        }
    }
}
