using System.Text.RegularExpressions;
using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Workloads.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Sim.Workloads.Models;

/// <summary>
/// Reads and checks a model description file. The YAML is first read as a tree, which rejects
/// repeated keys and lets number keys insist on plain numbers (no quotes, no <c>!!str</c> tag), then
/// deserialized; the sizes are checked against <see cref="ModelLimits"/> before anything is built.
/// </summary>
public static partial class ModelDescriptionLoader
{
    private static readonly HashSet<string> IntegerKeys =
        ["hidden_size", "intermediate_size", "num_attention_heads", "num_key_value_heads", "num_hidden_layers", "vocab_size", "max_position_embeddings", "ir_mask_block"];
    private static readonly HashSet<string> NumberKeys = ["rms_norm_eps", "rope_theta", "layer_norm_eps"];

    public static ModelDescription Load(string path) =>
        Parse(InputFile.ReadAllText(path, InputFile.SmallText, "model description"), path);

    /// <summary>Reads and checks model description text; <paramref name="path"/> names it in errors.</summary>
    public static ModelDescription Parse(string text, string path)
    {
        ModelDescription m;
        try
        {
            var stream = YamlInputGuard.Load(text);
            if (stream.Documents.Count == 0) throw new InputException("empty model description", path);
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
                throw new InputException("expected a mapping of 'key: value' lines", path, (int)stream.Documents[0].RootNode.Start.Line);
            CheckScalars(root, path);
            m = YamlInputGuard.Guarded(() => new DeserializerBuilder().Build().Deserialize<ModelDescription>(text))
                ?? throw new InputException("empty model description", path);
        }
        catch (YamlException e)
        {
            throw new InputException(YamlInputGuard.Message(e), path, e.Start.Line > 0 ? (int)e.Start.Line : null);
        }
        Validate(m, path);
        return m;
    }

    /// <summary>Integer keys take plain integers, number keys plain numbers; a tag or quotes would be converted silently.</summary>
    private static void CheckScalars(YamlMappingNode root, string path)
    {
        foreach (var (keyNode, value) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key }) continue;
            if (IntegerKeys.Contains(key)) Plain(key, value, ["int"], IntegerSyntax(), "a whole number", path);
            else if (NumberKeys.Contains(key)) Plain(key, value, ["int", "float"], NumberSyntax(), "a number", path);
            else if (key == "sparsity" && value is YamlMappingNode sparsity)
                foreach (var (k, v) in sparsity.Children)
                    Plain($"sparsity.{(k as YamlScalarNode)?.Value}", v, ["int", "float"], NumberSyntax(), "a number", path);
        }
    }

    private static void Plain(string key, YamlNode node, string[] tags, Regex syntax, string expected, string path)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlScalarNode s)
            throw new InputException($"'{key}' must be {expected}, got {(node is YamlSequenceNode ? "a list" : "a mapping")}", path, line);
        var tag = s.Tag.IsEmpty ? null : s.Tag.Value.Replace("tag:yaml.org,2002:", "");
        if (tag is not null && !tags.Contains(tag))
            throw new InputException($"'{key}' must be {expected}, got the tag '!!{tag}' (remove it)", path, line);
        if (s.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
            throw new InputException($"'{key}' must be {expected}, got the quoted string '{s.Value}' (remove the quotes)", path, line);
        if (!syntax.IsMatch(s.Value ?? ""))
            throw new InputException($"'{key}' must be {expected}, got '{s.Value}'", path, line);
    }

    private static void Validate(ModelDescription m, string path)
    {
        void InRange(string key, int v, int max)
        {
            if (v <= 0) throw new InputException($"'{key}' must be a positive integer, got {v}", path);
            if (v > max) throw new InputException($"'{key}' is {v}, above the limit of {max} (far beyond any LLaMA-family model)", path);
        }
        // An empty value ("ir_bias:") deserializes as null.
        if (m.Name is null) throw new InputException("'name' must be a text, got no value", path);
        if (m.FilePrefix is null) throw new InputException("'file_prefix' must be a text, got no value", path);
        if (m.Sparsity is null) throw new InputException("'sparsity' must be a mapping of projection: density, got no value", path);
        if (m.IrBias is null) throw new InputException("'ir_bias' must be a list of projections ([] for none), got no value", path);
        if (m.ModelType is null || !ModelDescription.Families.Contains(m.ModelType))
            throw new InputException($"'model_type' must be one of {string.Join(", ", ModelDescription.Families)}, got '{m.ModelType}'", path);
        if (m.HiddenAct is null || (m.HiddenAct.Length > 0 && m.HiddenAct is not ("silu" or "relu")))
            throw new InputException($"'hidden_act' must be silu or relu, got '{m.HiddenAct}'", path);
        if (!FilePrefixSyntax().IsMatch(m.FilePrefix))
            throw new InputException($"'file_prefix' must be a plain file-name part (letters, digits, '.', '_', '-'; not starting with '.'), got '{m.FilePrefix}'", path);
        InRange("hidden_size", m.HiddenSize, ModelLimits.MaxHiddenSize);
        InRange("intermediate_size", m.IntermediateSize, ModelLimits.MaxIntermediateSize);
        InRange("num_attention_heads", m.NumAttentionHeads, ModelLimits.MaxAttentionHeads);
        InRange("num_hidden_layers", m.NumHiddenLayers, ModelLimits.MaxLayers);
        InRange("vocab_size", m.VocabSize, ModelLimits.MaxVocabSize);
        if (m.HiddenSize % m.NumAttentionHeads != 0)
            throw new InputException($"'hidden_size' ({m.HiddenSize}) must be a multiple of 'num_attention_heads' ({m.NumAttentionHeads})", path);
        if (m.NumKeyValueHeads < 0 || (m.NumKeyValueHeads > 0 && m.NumAttentionHeads % m.NumKeyValueHeads != 0))
            throw new InputException($"'num_key_value_heads' ({m.NumKeyValueHeads}) must divide 'num_attention_heads' ({m.NumAttentionHeads}); leave it out for as many as the query heads", path);
        InRange("max_position_embeddings", m.MaxPositionEmbeddings, ModelLimits.MaxPositions);
        // The largest weights become single IR tensors, which must fit the board (IrLimits).
        foreach (var (key, size) in new[] { ("intermediate_size", m.IntermediateSize), ("vocab_size", m.VocabSize) })
            if ((long)size * m.HiddenSize > Ir.IrLimits.MaxTensorBytes)
                throw new InputException($"'{key}' x 'hidden_size' = {(long)size * m.HiddenSize:N0} one-byte weights in one tensor, " +
                                         $"more than the VHK158's {Ir.IrLimits.MaxTensorBytes:N0} bytes of HBM", path);
        InRange("ir_mask_block", m.IrMaskBlock, ModelLimits.MaxPositions);
        foreach (var p in ModelDescription.ProjectionNames)
        {
            double d = m.Sparsity.Of(p);
            if (!(d > 0 && d <= 1)) throw new InputException($"'sparsity.{p}' must be in (0, 1] (1 = dense), got {d}", path);
        }
        foreach (var p in m.IrBias)
            if (!ModelDescription.ProjectionNames.Contains(p))
                throw new InputException($"'ir_bias' names unknown projection '{p}' (known: {string.Join(", ", ModelDescription.ProjectionNames)})", path);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberSyntax();

    // Generated IR is written to OUT/{file_prefix}_...: only a plain name keeps it inside OUT.
    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex FilePrefixSyntax();
}
