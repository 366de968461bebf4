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
            var n = WeightNames.For(model);
            // Fetched in WeightShapes order (seeded random weights depend on it); WeightShapes also
            // says which tensors the family has: a name it does not list is absent (null).
            var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, shape) in WeightShapes.All(model))
            {
                var t = get(name, shape);
                made.Add(t);
                byName[name] = t;
            }
            Tensor? Has(string name) => byName.GetValueOrDefault(name);
            Tensor Must(string name) => Has(name) ?? throw new InvalidOperationException($"missing '{name}'");

            var layers = new List<LayerWeights>();
            for (var i = 0; i < model.NumHiddenLayers; i++)
            {
                var p = n.Layer(i);
                layers.Add(new LayerWeights
                {
                    InputNorm = Must(p + n.InputNorm + ".weight"),
                    InputNormBias = Has(p + n.InputNorm + ".bias"),
                    Q = Must(p + n.Q + ".weight"),
                    QBias = Has(p + n.Q + ".bias"),
                    K = Must(p + n.K + ".weight"),
                    KBias = Has(p + n.K + ".bias"),
                    V = Must(p + n.V + ".weight"),
                    VBias = Has(p + n.V + ".bias"),
                    O = Must(p + n.O + ".weight"),
                    OBias = Has(p + n.O + ".bias"),
                    PostAttentionNorm = Must(p + n.PostAttentionNorm + ".weight"),
                    PostAttentionNormBias = Has(p + n.PostAttentionNorm + ".bias"),
                    Gate = n.Gate is null ? null! : Must(p + n.Gate + ".weight"),   // null: no gate (HasGate false)
                    Up = Must(p + n.Up + ".weight"),
                    UpBias = Has(p + n.Up + ".bias"),
                    Down = Must(p + n.Down + ".weight"),
                    DownBias = Has(p + n.Down + ".bias"),
                });
            }
            return new LlamaWeights
            {
                Model = model,
                Embedding = Must(n.Embedding),
                Positions = n.Positions is null ? null : Must(n.Positions),
                Layers = layers,
                FinalNorm = Must(n.FinalNorm + ".weight"),
                FinalNormBias = Has(n.FinalNorm + ".bias"),
                LmHead = Must(n.LmHead),
            };
        }
        catch
        {
            foreach (var t in made) t.Dispose();
            throw;
        }
    }
}
