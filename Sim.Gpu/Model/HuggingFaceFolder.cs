using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sim.Core.Errors;
using Sim.Gpu.Safetensors;
using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>
/// A Hugging Face model folder: <c>config.json</c> plus one or more <c>*.safetensors</c> files
/// (sharded folders included). Loads real weights into the model description's shapes, and
/// writes weights out in the same form (for the transformers logits check).
/// </summary>
public static class HuggingFaceFolder
{
    public static LlamaWeights Load(string dir, ModelDescription model, Device device, ScalarType dtype)
    {
        if (!Directory.Exists(dir)) throw new InputException($"--weights: folder '{dir}' does not exist");
        var files = Directory.GetFiles(dir, "*.safetensors").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new InputException($"--weights: '{dir}' holds no *.safetensors file (only safetensors folders are read)");
        CheckConfig(Path.Combine(dir, "config.json"), model);

        var readers = files.Select(f => new SafetensorsReader(f)).ToList();
        try
        {
            var where = new Dictionary<string, SafetensorsReader>(StringComparer.Ordinal);
            foreach (var r in readers)
                foreach (var name in r.Entries.Keys) where[name] = r;
            var names = WeightNames.For(model);

            // The stored name of a tensor: its own; without the "model." prefix (checkpoints saved
            // from the bare decoder model, e.g. OPT's "decoder.layers.0..."); for a missing
            // lm_head, the token embedding (tied embeddings).
            string? Stored(string name)
            {
                if (where.ContainsKey(name)) return name;
                if (name.StartsWith("model.", StringComparison.Ordinal) && where.ContainsKey(name[6..])) return name[6..];
                return name == names.LmHead ? Stored(names.Embedding) : null;
            }

            Tensor Get(string name, long[] shape)
            {
                var stored = Stored(name)
                    ?? throw new InputException($"--weights: no tensor '{name}' in any *.safetensors file of '{dir}'");
                var r = where[stored];
                var e = r.Entries[stored];
                if (!e.Shape.SequenceEqual(shape))
                    throw new InputException(
                        $"tensor '{stored}' has shape [{string.Join(",", e.Shape)}], the model description wants [{string.Join(",", shape)}]", r.Path);
                using var cpu = r.Read(stored);
                return cpu.to(dtype, device);
            }
            return WeightAssembly.FromNamed(model, Get);
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    /// <summary>
    /// Writes <c>config.json</c> and <c>model.safetensors</c> that transformers reads: as
    /// LlamaForCausalLM, or as OPTForCausalLM for the OPT family (lm_head stored, not tied).
    /// </summary>
    public static void Save(string dir, LlamaWeights weights)
    {
        Directory.CreateDirectory(dir);
        var m = weights.Model;
        var config = m.IsOpt ? OptConfig(m) : LlamaConfig(m);
        config["torch_dtype"] = weights.DType == ScalarType.Float16 ? "float16" : "float32";
        var configPath = Path.Combine(dir, "config.json");
        Sim.Core.IO.AtomicFile.WriteAllText(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        SafetensorsWriter.Write(Path.Combine(dir, "model.safetensors"), weights.Named(),
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    private static JsonObject LlamaConfig(ModelDescription m) => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["hidden_size"] = m.HiddenSize,
        ["intermediate_size"] = m.IntermediateSize,
        ["num_attention_heads"] = m.NumAttentionHeads,
        ["num_key_value_heads"] = m.KeyValueHeads,
        ["num_hidden_layers"] = m.NumHiddenLayers,
        ["vocab_size"] = m.VocabSize,
        ["rms_norm_eps"] = m.RmsNormEps,
        ["rope_theta"] = m.RopeTheta,
        ["max_position_embeddings"] = m.MaxPositionEmbeddings,
        ["hidden_act"] = m.Activation,
        ["attention_bias"] = m.LinearBias,
        ["mlp_bias"] = m.LinearBias,
        ["tie_word_embeddings"] = false,
        ["bos_token_id"] = 1,
        ["eos_token_id"] = 2,
    };

    // OPTConfig's keys (facebook/opt-*): pre-LN, no word-embedding projection, dropout off.
    private static JsonObject OptConfig(ModelDescription m) => new()
    {
        ["architectures"] = new JsonArray("OPTForCausalLM"),
        ["model_type"] = "opt",
        ["hidden_size"] = m.HiddenSize,
        ["word_embed_proj_dim"] = m.HiddenSize,
        ["ffn_dim"] = m.IntermediateSize,
        ["num_attention_heads"] = m.NumAttentionHeads,
        ["num_hidden_layers"] = m.NumHiddenLayers,
        ["vocab_size"] = m.VocabSize,
        ["max_position_embeddings"] = m.MaxPositionEmbeddings,
        ["activation_function"] = m.Activation,
        ["do_layer_norm_before"] = true,
        ["_remove_final_layer_norm"] = false,
        ["layer_norm_elementwise_affine"] = true,
        ["enable_bias"] = m.LinearBias,
        ["dropout"] = 0.0,
        ["attention_dropout"] = 0.0,
        ["activation_dropout"] = 0.0,
        ["layerdrop"] = 0.0,
        ["tie_word_embeddings"] = false,
        ["pad_token_id"] = 1,
        ["bos_token_id"] = 2,
        ["eos_token_id"] = 2,
    };

    /// <summary>When a config.json is there, its sizes must agree with the model description.</summary>
    private static void CheckConfig(string path, ModelDescription model)
    {
        if (!File.Exists(path)) return;
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InputException($"not valid JSON: {e.Message}", path); }
        void Same(string key, long expected)
        {
            var node = root?[key];
            if (node is null) return;
            var got = node.GetValue<long>();
            if (got != expected)
                throw new InputException(
                    $"'{key}' is {got.ToString(CultureInfo.InvariantCulture)}, the model description (--model) says {expected.ToString(CultureInfo.InvariantCulture)}", path);
        }
        var type = root?["model_type"]?.GetValue<string>();
        if (type is not null && type != model.ModelType)
            throw new InputException($"'model_type' is '{type}', the model description (--model) says '{model.ModelType}'", path);
        Same("hidden_size", model.HiddenSize);
        Same("intermediate_size", model.IntermediateSize);
        Same("ffn_dim", model.IntermediateSize);
        Same("num_attention_heads", model.NumAttentionHeads);
        Same("num_hidden_layers", model.NumHiddenLayers);
        Same("vocab_size", model.VocabSize);
        if (model.IsOpt)
        {
            // What this OPT implementation has: embeddings of the hidden width, LayerNorm before each block.
            Same("word_embed_proj_dim", model.HiddenSize);
            if (root?["do_layer_norm_before"] is { } before && !before.GetValue<bool>())
                throw new InputException("'do_layer_norm_before' is false (post-LN OPT, e.g. opt-350m); only pre-LN OPT is supported", path);
        }
        Same("num_key_value_heads", model.KeyValueHeads);
    }
}
