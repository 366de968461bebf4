using Sim.Workloads.Models;

namespace Sim.Gpu.Model;

/// <summary>
/// Hugging Face's tensor names for a model family, so that an exported folder loads in
/// transformers: LlamaForCausalLM (<c>model.layers.{i}.self_attn.q_proj.weight</c>, ...) or
/// OPTForCausalLM (<c>model.decoder.layers.{i}.self_attn.q_proj.weight</c>, <c>fc1</c>, <c>fc2</c>,
/// <c>self_attn_layer_norm</c>, <c>final_layer_norm</c>, learned <c>embed_positions</c>).
/// Linear and norm names are given without their <c>.weight</c>/<c>.bias</c> suffix.
/// </summary>
public sealed record WeightNames(
    string Embedding, string? Positions, string FinalNorm, string LmHead, string LayerPrefix,
    string InputNorm, string Q, string K, string V, string O, string PostAttentionNorm,
    string? Gate, string Up, string Down)
{
    public static readonly WeightNames Llama = new(
        Embedding: "model.embed_tokens.weight", Positions: null, FinalNorm: "model.norm", LmHead: "lm_head.weight",
        LayerPrefix: "model.layers.", InputNorm: "input_layernorm",
        Q: "self_attn.q_proj", K: "self_attn.k_proj", V: "self_attn.v_proj", O: "self_attn.o_proj",
        PostAttentionNorm: "post_attention_layernorm", Gate: "mlp.gate_proj", Up: "mlp.up_proj", Down: "mlp.down_proj");

    /// <summary>OPT: fc1 plays the part of LLaMA's up projection, fc2 of its down projection; there is no gate.</summary>
    public static readonly WeightNames Opt = new(
        Embedding: "model.decoder.embed_tokens.weight", Positions: "model.decoder.embed_positions.weight",
        FinalNorm: "model.decoder.final_layer_norm", LmHead: "lm_head.weight",
        LayerPrefix: "model.decoder.layers.", InputNorm: "self_attn_layer_norm",
        Q: "self_attn.q_proj", K: "self_attn.k_proj", V: "self_attn.v_proj", O: "self_attn.out_proj",
        PostAttentionNorm: "final_layer_norm", Gate: null, Up: "fc1", Down: "fc2");

    public static WeightNames For(ModelDescription m) => m.IsOpt ? Opt : Llama;

    /// <summary>The prefix of layer <paramref name="index"/>'s names, e.g. <c>model.layers.3.</c>.</summary>
    public string Layer(int index) => $"{LayerPrefix}{index}.";
}
