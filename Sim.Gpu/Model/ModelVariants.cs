using Sim.Core.Errors;
using Sim.Workloads.Models;

namespace Sim.Gpu.Model;

/// <summary>Derived model descriptions, e.g. a reduced-depth model of a real model's shape.</summary>
public static class ModelVariants
{
    /// <summary>The same model with <paramref name="layers"/> decoder layers (name gets "-{n}l").</summary>
    public static ModelDescription WithLayers(ModelDescription m, int layers)
    {
        if (layers < 1) throw new InputException($"--layers must be at least 1, got {layers}");
        if (layers == m.NumHiddenLayers) return m;
        return new ModelDescription
        {
            Name = $"{m.Name}-{layers}l",
            ModelType = m.ModelType,
            HiddenAct = m.HiddenAct,
            LayerNormEps = m.LayerNormEps,
            EnableBias = m.EnableBias,
            FilePrefix = m.FilePrefix,
            HiddenSize = m.HiddenSize,
            IntermediateSize = m.IntermediateSize,
            NumAttentionHeads = m.NumAttentionHeads,
            NumKeyValueHeads = m.NumKeyValueHeads,
            NumHiddenLayers = layers,
            VocabSize = m.VocabSize,
            RmsNormEps = m.RmsNormEps,
            RopeTheta = m.RopeTheta,
            MaxPositionEmbeddings = m.MaxPositionEmbeddings,
            Sparsity = m.Sparsity,
            IrBias = m.IrBias,
        };
    }
}
