using Sim.Core.Errors;
using Sim.Workloads.Models;

namespace Sim.Workloads.Ir;

/// <summary>
/// Builds the IR of a LLaMA-family decoder for one (stage, L), following the artifact's
/// generation rule (spec §1.5–§1.7). Every size comes from the <see cref="ModelDescription"/>;
/// for <c>configs/models/llama2-7b.yaml</c> the result, written by <see cref="IrWriter"/>, is
/// byte-identical to the 144 reference files.
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
    private readonly int _h, _ffn, _heads, _hd, _vocab, _layers, _maskBlock;

    public IrGenerator(ModelDescription model)
    {
        _m = model;
        _h = model.HiddenSize;
        _ffn = model.IntermediateSize;
        _heads = model.NumAttentionHeads;
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
            int perBlock = _prefill ? 22 : 24;
            _out = new List<IrLayer>(1 + g._layers * perBlock + 3);
        }

        // Every call makes a fresh tensor (the reference dump has no shared objects, spec §1.1).
        private static IrTensor T(string name, int b, int m, int k, string dtype = IrDTypes.Int8) => new(name, new Shape3(b, m, k), dtype);

        private IrTensor Act(string name, int k) => T(_p + name, 1, _m, k);                 // [1, M, K] activation
        private IrTensor Heads(string name, int m, int k) => T(name, _g._heads, m, k);       // [heads, m, k] view

        private static IrTensor Weight(string name, int k, int n, double density) =>
            new(name, new Shape3(1, k, n), IrDTypes.Int8, 0, density < 1 ? Sparsity.Sparse(density) : Sparsity.Dense);

        private static IrTensor Bias(string name, int n) => T(name, 1, 1, n, IrDTypes.Int32);

        private void Add(string name, LayerType type, IrTensor[] inputs, IrTensor[] outputs, IrTensor[]? param, IrStructure structure) =>
            _out.Add(new IrLayer(_p + name, type, inputs, outputs, param, structure));

        private void Linear(string layer, string projection, IrTensor x, IrTensor y, int k, int n)
        {
            bool bias = _g._m.IrBias.Contains(projection);
            var w = Weight($"{layer}.weight", k, n, _g._m.Sparsity.Of(projection));
            IrTensor[] param = bias ? [w, Bias($"{layer}.bias", n)] : [w];
            Add(layer, _prefill ? LayerType.LinearMm : LayerType.LinearMv, [x], [y], param,
                new IrStructure(BiasFlag: bias, MaskMode: "none", ReluFlag: false));
        }

        private void Norm(string layer, IrTensor x, IrTensor y) =>
            Add(layer, LayerType.Layernorm, [x], [y], [Weight($"{layer}.weight", 1, _g._h, 1)],
                new IrStructure(BiasFlag: false, RmsFlag: true));

        private void Eltwise(string layer, IrTensor a, IrTensor b, IrTensor o, string kind) =>
            Add(layer, LayerType.Eltwise, [a, b], [o], null, new IrStructure(EltwiseType: kind));

        private IrTensor Mask(int i) => T($"attention_mask_{i}.mask", _g._heads, _g._maskBlock, _g._maskBlock, IrDTypes.Bool);

        private void Attention(string layer, int i, IrTensor a, IrTensor b, IrTensor o, string prefillMode) =>
            Add(layer, _prefill ? LayerType.AttentionMm : LayerType.AttentionMv, [a, b], [o], [Mask(i)],
                new IrStructure(BiasFlag: false, MaskMode: _prefill ? prefillMode : "none", ReluFlag: false));

        // q/k RoPE: x·sin and x·cos on the [heads, M, head_dim] view, then their sum.
        private void Rope(char qk, int i, string result)
        {
            int hd = _g._hd;
            string before = $"{_p}{qk}_proj_out_before_RoPE_{i}";
            Eltwise($"{qk}_RoPE_eltwise_mul_sin_{i}", Heads(before, _m, hd), Heads(_p + "RoPE_sin_cache", _m, hd), Heads($"{_p}{qk}_RoPE_mul_sin_{i}", _m, hd), "eltwise_mul");
            Eltwise($"{qk}_RoPE_eltwise_mul_cos_{i}", Heads(before, _m, hd), Heads(_p + "RoPE_cos_cache", _m, hd), Heads($"{_p}{qk}_RoPE_mul_cos_{i}", _m, hd), "eltwise_mul");
            Eltwise($"{qk}_RoPE_eltwise_add_{i}", Heads($"{_p}{qk}_RoPE_mul_sin_{i}", _m, hd), Heads($"{_p}{qk}_RoPE_mul_cos_{i}", _m, hd), Heads(result, _m, hd), "eltwise_add");
        }

        public IrProgram Run()
        {
            int h = _g._h;
            Add("input_layer", LayerType.Input, [], [Act("hidden_states_0", h), Act("RoPE_sin_cache", h), Act("RoPE_cos_cache", h)], null, IrStructure.Empty);
            for (int i = 0; i < _g._layers; i++) Block(i);
            int last = _g._layers - 1;
            Norm("final_layer_norm_layer_in_decoder", Act($"hidden_add_{last}", h), Act("final_hidden_states", h));
            Linear("lm_head_layer", "lm_head", Act("final_hidden_states", h), Act("logits", _g._vocab), h, _g._vocab);
            Add("output_layer", LayerType.Output, [Act("logits", _g._vocab)], [], null, IrStructure.Empty);
            return new IrProgram(_stage, _s, _out);
        }

        private void Block(int i)
        {
            int h = _g._h, f = _g._ffn, hd = _g._hd;
            // Names that cross rounds: the KV cache of round r-1 feeds round r (spec §1.6).
            string keyT = $"round_{_r}_key_t_{i}";                       // K^T input of qkt
            string pastValues = $"round_{_r}_past_values_{i}";          // decode: the cache before this token
            string values = $"round_{_r + 1}_past_values_{i}";          // V input of qktv

            Norm($"input_layer_norm_layer_{i}", Act($"hidden_states_{i}", h), Act($"hidden_states_in_{i}", h));

            Linear($"q_proj_layer_{i}", "q_proj", Act($"hidden_states_in_{i}", h), Act($"q_proj_out_before_RoPE_{i}", h), h, h);
            Rope('q', i, $"{_p}q_proj_out_t_{i}");
            Linear($"k_proj_layer_{i}", "k_proj", Act($"hidden_states_in_{i}", h), Act($"k_proj_out_before_RoPE_{i}", h), h, h);
            Rope('k', i, _prefill ? keyT : $"{_p}k_proj_out_t_{i}");
            Linear($"v_proj_layer_{i}", "v_proj", Act($"hidden_states_in_{i}", h),
                _prefill ? T(values, 1, _m, h) : Act($"v_proj_out_t_{i}", h), h, h);

            if (!_prefill)
            {
                // Append the new token's key and value to the caches of length S-1.
                Add($"concat_past_keys_{i}", LayerType.Concat,
                    [Heads($"round_{_r - 1}_key_t_{i}", _s - 1, hd), Heads($"{_p}k_proj_out_t_{i}", 1, hd)],
                    [Heads(keyT, _s, hd)], null, new IrStructure(Dim: 1));
                Add($"concat_past_values_{i}", LayerType.Concat,
                    [Heads(pastValues, _s - 1, hd), Heads($"{_p}v_proj_out_t_{i}", 1, hd)],
                    [Heads(values, _s, hd)], null, new IrStructure(Dim: 1));
            }

            Attention($"attention_qkt_{i}", i, Heads($"{_p}q_proj_out_t_{i}", _m, hd), Heads(keyT, hd, _s), Heads($"{_p}qkt_mm_{i}", _m, _s), "qkt");
            Add($"softmax_{i}", LayerType.Softmax, [Heads($"{_p}qkt_mm_{i}", _m, _s)], [Heads($"{_p}qkt_softmax_{i}", _m, _s)], null, new IrStructure(Dim: 2));
            Attention($"attention_qktv_{i}", i, Heads($"{_p}qkt_softmax_{i}", _m, _s), Heads(values, _s, hd), Heads($"{_p}qktv_t_{i}", _m, hd), "qktv");

            Linear($"out_proj_layer_{i}", "o_proj", Act($"qktv_t_{i}", h), Act($"attn_output_{i}", h), h, h);
            Eltwise($"hidden_sum_layer_{i}", Act($"hidden_states_{i}", h), Act($"attn_output_{i}", h), Act($"hidden_sum_{i}", h), "eltwise_add");
            Norm($"final_layer_norm_layer_{i}", Act($"hidden_sum_{i}", h), Act($"hidden_layernorm_{i}", h));
            Linear($"gate_layer_{i}", "gate_proj", Act($"hidden_layernorm_{i}", h), Act($"hidden_gate_{i}", f), h, f);
            Add($"activation_fn_layer_{i}", LayerType.Silu, [Act($"hidden_gate_{i}", f)], [Act($"hidden_silu_{i}", f)], null, IrStructure.Empty);
            Linear($"up_layer_{i}", "up_proj", Act($"hidden_layernorm_{i}", h), Act($"hidden_up_{i}", f), h, f);
            Eltwise($"hidden_mul_layer_{i}", Act($"hidden_up_{i}", f), Act($"hidden_silu_{i}", f), Act($"hidden_mul_{i}", f), "eltwise_mul");
            Linear($"down_layer_{i}", "down_proj", Act($"hidden_mul_{i}", f), Act($"hidden_down_{i}", h), f, h);
            // The last block's sum is named hidden_add_{i}, the others feed block i+1 (spec §1.5, row 22).
            string next = i == _g._layers - 1 ? $"hidden_add_{i}" : $"hidden_states_{i + 1}";
            Eltwise($"hidden_add_layer_{i}", Act($"hidden_sum_{i}", h), Act($"hidden_down_{i}", h), Act(next, h), "eltwise_add");
        }
    }
}
