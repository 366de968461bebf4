using Sim.Workloads.Models;

namespace Sim.Gpu.Model;

/// <summary>
/// The shape every weight of a model description must have, by Hugging Face name
/// (<see cref="WeightNames"/>): the LLaMA family's, or OPT's with its learned position table
/// (<c>max_position_embeddings + 2</c> rows), LayerNorm biases and linear biases.
/// </summary>
public static class WeightShapes
{
    public static IEnumerable<(string Name, long[] Shape)> All(ModelDescription m)
    {
        var n = WeightNames.For(m);
        long d = m.HiddenSize, f = m.IntermediateSize, v = m.VocabSize, kv = m.KeyValueSize;
        bool normBias = m.UsesLayerNorm, linearBias = m.LinearBias;
        IEnumerable<(string, long[])> Linear(string name, long outDim, long inDim)
        {
            yield return (name + ".weight", [outDim, inDim]);
            if (linearBias) yield return (name + ".bias", [outDim]);
        }
        IEnumerable<(string, long[])> Norm(string name)
        {
            yield return (name + ".weight", [d]);
            if (normBias) yield return (name + ".bias", [d]);
        }

        yield return (n.Embedding, [v, d]);
        if (n.Positions is { } positions) yield return (positions, [m.MaxPositionEmbeddings + m.PositionOffset, d]);
        for (var i = 0; i < m.NumHiddenLayers; i++)
        {
            var p = n.Layer(i);
            foreach (var x in Norm(p + n.InputNorm)) yield return x;
            foreach (var x in Linear(p + n.Q, d, d)) yield return x;
            foreach (var x in Linear(p + n.K, kv, d)) yield return x;
            foreach (var x in Linear(p + n.V, kv, d)) yield return x;
            foreach (var x in Linear(p + n.O, d, d)) yield return x;
            foreach (var x in Norm(p + n.PostAttentionNorm)) yield return x;
            if (m.GatedFfn) foreach (var x in Linear(p + n.Gate!, f, d)) yield return x;
            foreach (var x in Linear(p + n.Up, f, d)) yield return x;
            foreach (var x in Linear(p + n.Down, d, f)) yield return x;
        }
        foreach (var x in Norm(n.FinalNorm)) yield return x;
        yield return (n.LmHead, [v, d]);
    }

    /// <summary>Parameter count of the model (weights only).</summary>
    public static long Parameters(ModelDescription m) =>
        All(m).Sum(x => x.Shape.Aggregate(1L, (a, b) => a * b));
}
