using Sim.Workloads.Models;

namespace Sim.Gpu.Model;

/// <summary>The shape every weight of a model description must have, by Hugging Face name.</summary>
public static class WeightShapes
{
    public static IEnumerable<(string Name, long[] Shape)> All(ModelDescription m)
    {
        long d = m.HiddenSize, f = m.IntermediateSize, v = m.VocabSize, kv = m.KeyValueSize;
        yield return ("model.embed_tokens.weight", [v, d]);
        for (var i = 0; i < m.NumHiddenLayers; i++)
        {
            var p = $"model.layers.{i}.";
            yield return (p + "input_layernorm.weight", [d]);
            yield return (p + "self_attn.q_proj.weight", [d, d]);
            yield return (p + "self_attn.k_proj.weight", [kv, d]);
            yield return (p + "self_attn.v_proj.weight", [kv, d]);
            yield return (p + "self_attn.o_proj.weight", [d, d]);
            yield return (p + "post_attention_layernorm.weight", [d]);
            yield return (p + "mlp.gate_proj.weight", [f, d]);
            yield return (p + "mlp.up_proj.weight", [f, d]);
            yield return (p + "mlp.down_proj.weight", [d, f]);
        }
        yield return ("model.norm.weight", [d]);
        yield return ("lm_head.weight", [v, d]);
    }

    /// <summary>Parameter count of the model (weights only).</summary>
    public static long Parameters(ModelDescription m) =>
        All(m).Sum(x => x.Shape.Aggregate(1L, (a, b) => a * b));
}
