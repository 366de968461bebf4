using Sim.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Sim.Vhk158.Models;

/// <summary>Reads and checks a model description file.</summary>
public static class ModelDescriptionLoader
{
    public static ModelDescription Load(string path)
    {
        if (!File.Exists(path)) throw new InputException("model description not found", path);
        var deserializer = new DeserializerBuilder().Build();
        ModelDescription m;
        try
        {
            m = deserializer.Deserialize<ModelDescription>(File.ReadAllText(path))
                ?? throw new InputException("empty model description", path);
        }
        catch (YamlException e)
        {
            throw new InputException(e.InnerException?.Message ?? e.Message, path, (int)e.Start.Line);
        }
        Validate(m, path);
        return m;
    }

    private static void Validate(ModelDescription m, string path)
    {
        void Positive(string key, int v)
        {
            if (v <= 0) throw new InputException($"'{key}' must be a positive integer, got {v}", path);
        }
        Positive("hidden_size", m.HiddenSize);
        Positive("intermediate_size", m.IntermediateSize);
        Positive("num_attention_heads", m.NumAttentionHeads);
        Positive("num_hidden_layers", m.NumHiddenLayers);
        Positive("vocab_size", m.VocabSize);
        if (m.HiddenSize % m.NumAttentionHeads != 0)
            throw new InputException($"'hidden_size' ({m.HiddenSize}) must be a multiple of 'num_attention_heads' ({m.NumAttentionHeads})", path);
        if (m.NumKeyValueHeads < 0 || (m.NumKeyValueHeads > 0 && m.NumAttentionHeads % m.NumKeyValueHeads != 0))
            throw new InputException($"'num_key_value_heads' ({m.NumKeyValueHeads}) must divide 'num_attention_heads' ({m.NumAttentionHeads}); leave it out for as many as the query heads", path);
        Positive("max_position_embeddings", m.MaxPositionEmbeddings);
        Positive("ir_mask_block", m.IrMaskBlock);
        foreach (var p in ModelDescription.ProjectionNames)
        {
            double d = m.Sparsity.Of(p);
            if (!(d > 0 && d <= 1)) throw new InputException($"'sparsity.{p}' must be in (0, 1] (1 = dense), got {d}", path);
        }
        foreach (var p in m.IrBias)
            if (!ModelDescription.ProjectionNames.Contains(p))
                throw new InputException($"'ir_bias' names unknown projection '{p}' (known: {string.Join(", ", ModelDescription.ProjectionNames)})", path);
    }
}
