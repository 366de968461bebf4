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
            // Models with tied embeddings store no lm_head; it is the embedding matrix then.
            if (!where.ContainsKey("lm_head.weight") && where.TryGetValue("model.embed_tokens.weight", out var er))
                where["lm_head.weight"] = er;

            Tensor Get(string name, long[] shape)
            {
                var stored = name == "lm_head.weight" && !where[name].Entries.ContainsKey(name) ? "model.embed_tokens.weight" : name;
                if (!where.TryGetValue(stored, out var r))
                    throw new InputException($"--weights: no tensor '{name}' in any *.safetensors file of '{dir}'");
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

    /// <summary>Writes <c>config.json</c> and <c>model.safetensors</c> that transformers' LlamaForCausalLM reads.</summary>
    public static void Save(string dir, LlamaWeights weights)
    {
        Directory.CreateDirectory(dir);
        var m = weights.Model;
        var config = new JsonObject
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
            ["hidden_act"] = "silu",
            ["attention_bias"] = false,
            ["mlp_bias"] = false,
            ["tie_word_embeddings"] = false,
            ["torch_dtype"] = weights.DType == ScalarType.Float16 ? "float16" : "float32",
            ["bos_token_id"] = 1,
            ["eos_token_id"] = 2,
        };
        var configPath = Path.Combine(dir, "config.json");
        Sim.Core.IO.AtomicFile.WriteAllText(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        SafetensorsWriter.Write(Path.Combine(dir, "model.safetensors"), weights.Named(),
            new Dictionary<string, string> { ["format"] = "pt" });
    }

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
        Same("hidden_size", model.HiddenSize);
        Same("intermediate_size", model.IntermediateSize);
        Same("num_attention_heads", model.NumAttentionHeads);
        Same("num_hidden_layers", model.NumHiddenLayers);
        Same("vocab_size", model.VocabSize);
        Same("num_key_value_heads", model.KeyValueHeads);
    }
}
