using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>Builds <see cref="LlamaWeights"/> from a source of named tensors, in <see cref="WeightShapes"/> order.</summary>
internal static class WeightAssembly
{
    public static LlamaWeights FromNamed(ModelDescription model, Func<string, long[], Tensor> get)
    {
        var made = new List<Tensor>();
        try
        {
            var shapes = WeightShapes.All(model).ToDictionary(x => x.Name, x => x.Shape);
            Tensor G(string name)
            {
                var t = get(name, shapes[name]);
                made.Add(t);
                return t;
            }
            var embedding = G("model.embed_tokens.weight");
            var layers = new List<LayerWeights>();
            for (var i = 0; i < model.NumHiddenLayers; i++)
            {
                var p = $"model.layers.{i}.";
                layers.Add(new LayerWeights
                {
                    InputNorm = G(p + "input_layernorm.weight"),
                    Q = G(p + "self_attn.q_proj.weight"),
                    K = G(p + "self_attn.k_proj.weight"),
                    V = G(p + "self_attn.v_proj.weight"),
                    O = G(p + "self_attn.o_proj.weight"),
                    PostAttentionNorm = G(p + "post_attention_layernorm.weight"),
                    Gate = G(p + "mlp.gate_proj.weight"),
                    Up = G(p + "mlp.up_proj.weight"),
                    Down = G(p + "mlp.down_proj.weight"),
                });
            }
            return new LlamaWeights
            {
                Model = model,
                Embedding = embedding,
                Layers = layers,
                FinalNorm = G("model.norm.weight"),
                LmHead = G("lm_head.weight"),
            };
        }
        catch
        {
            foreach (var t in made) t.Dispose();
            throw;
        }
    }
}
