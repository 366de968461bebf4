using System.Text.Json.Nodes;
using Sim.Core.Errors;
using Sim.Gpu.Backends;
using Sim.Gpu.Measurement;
using Sim.Gpu.Model;
using Sim.Gpu.Results;
using Sim.Gpu.Safetensors;
using Sim.Runner;
using Sim.Runner.Commands;
using Sim.Tests.Shared;
using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

/// <summary>The OPT family (tiny-opt.yaml) on the CPU: weights named as OPTForCausalLM names them, both TorchSharp backends, the gpu verb.</summary>
public class OptFamilyTests
{
    private static string OptConfig => Path.Combine(ReferenceData.RepoRoot, "configs", "models", "tiny-opt.yaml");

    private static ModelDescription Description() => ModelDescriptionLoader.Load(OptConfig);

    internal static LlamaWeights Weights(long seed = 4321, ModelDescription? m = null)
    {
        TinyModel.Init();
        return RandomWeights.Create(m ?? Description(), seed, CPU, ScalarType.Float32);
    }

    private static ModelDescription AsLlama()
    {
        var m = Description();
        m.ModelType = "llama";
        return m;
    }

    internal static Tensor Prompt(int batch, int length) => TinyModel.Prompt(batch, length, seed: 11);

    [Fact]
    public void WeightsAreNamedAsOptForCausalLmNamesThem()
    {
        var m = Description();
        var shapes = WeightShapes.All(m).ToDictionary(x => x.Name, x => x.Shape);
        Assert.Equal(new long[] { 128 + 2, 64 }, shapes["model.decoder.embed_positions.weight"]);   // offset 2
        Assert.Equal(new long[] { 256, 64 }, shapes["model.decoder.embed_tokens.weight"]);
        Assert.Equal(new long[] { 256, 64 }, shapes["model.decoder.layers.1.fc1.weight"]);
        Assert.Equal(new long[] { 256 }, shapes["model.decoder.layers.1.fc1.bias"]);
        Assert.Equal(new long[] { 64, 256 }, shapes["model.decoder.layers.1.fc2.weight"]);
        Assert.Equal(new long[] { 64 }, shapes["model.decoder.layers.0.self_attn.out_proj.bias"]);
        Assert.Equal(new long[] { 64 }, shapes["model.decoder.layers.0.self_attn_layer_norm.bias"]);
        Assert.Equal(new long[] { 64 }, shapes["model.decoder.layers.0.final_layer_norm.bias"]);
        Assert.Equal(new long[] { 64 }, shapes["model.decoder.final_layer_norm.bias"]);
        Assert.DoesNotContain(shapes.Keys, k => k.Contains("gate", StringComparison.Ordinal) || k.StartsWith("model.layers.", StringComparison.Ordinal));
        // Per layer: 2 norms × (weight, bias) + 6 linears × (weight, bias); plus tokens, positions, final norm ×2, lm_head.
        Assert.Equal(2 * (4 + 12) + 5, shapes.Count);

        using var w = Weights();
        Assert.Equal(shapes.Keys.Order(), w.Named().Select(n => n.Name).Order());
        Assert.All(w.Layers, l => Assert.False(l.HasGate));
        Assert.Throws<InvalidOperationException>(() => w.Layers[0].Gate);
    }

    /// <summary>Position p reads row p + 2 of the table: rows 0, 1 and those past the prompt are never read; row 2 is position 0's.</summary>
    [Theory]
    [InlineData("naive")]
    [InlineData("torch-opt")]
    public void LearnedPositionsAreReadWithAnOffsetOfTwo(string backend)
    {
        const int t = 6;
        using var prompt = Prompt(1, t);
        Tensor Run(Action<Tensor> edit)
        {
            using var w = Weights();
            using (no_grad()) edit(w.Positions!);
            using var be = BackendCatalog.Create(backend, w);
            return be.Logits(prompt);
        }
        using var baseline = Run(_ => { });
        using var unusedRows = Run(p => { p.narrow(0, 0, 2).fill_(7.0); p.narrow(0, t + 2, p.shape[0] - t - 2).fill_(-7.0); });
        using var rowTwo = Run(p => p.narrow(0, 2, 1).fill_(3.0));
        Assert.True((baseline - unusedRows).abs().max().item<float>() == 0, "rows 0, 1 or past the prompt changed the logits");
        Assert.True((baseline - rowTwo).narrow(1, 0, 1).abs().max().item<float>() > 1e-3, "row 2 (position 0) did not change position 0's logits");
        Assert.True((baseline - rowTwo).narrow(1, 1, 1).abs().max().item<float>() > 1e-3, "position 1 attends to position 0, so it changes too");
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("torch-opt")]
    public void EveryBiasAndLayerNormBiasIsUsed(string backend)
    {
        using var prompt = Prompt(1, 5);
        Tensor Run(Func<LlamaWeights, Tensor?> pick)
        {
            using var w = Weights();
            using (no_grad()) pick(w)?.zero_();
            using var be = BackendCatalog.Create(backend, w);
            return be.Logits(prompt);
        }
        using var baseline = Run(_ => null);
        var picks = new (string, Func<LlamaWeights, Tensor?>)[]
        {
            // Not the k bias: it adds the same q·b to every key's score, which softmax cancels.
            ("q bias", w => w.Layers[1].QBias), ("v bias", w => w.Layers[1].VBias),
            ("out_proj bias", w => w.Layers[1].OBias), ("fc1 bias", w => w.Layers[1].UpBias), ("fc2 bias", w => w.Layers[1].DownBias),
            ("self_attn_layer_norm bias", w => w.Layers[0].InputNormBias), ("final_layer_norm bias", w => w.Layers[0].PostAttentionNormBias),
            ("decoder final_layer_norm bias", w => w.FinalNormBias),
        };
        foreach (var (what, pick) in picks)
        {
            using var changed = Run(pick);
            Assert.True((baseline - changed).abs().max().item<float>() > 1e-4, $"zeroing the {what} did not change the logits");
        }
    }

    [Fact]
    public void AHuggingFaceFolderIsAnOptForCausalLmFolderAndLoadsBack()
    {
        using var tmp = new TempDir();
        using var w = Weights();
        HuggingFaceFolder.Save(tmp.Path, w);
        var config = JsonNode.Parse(File.ReadAllText(tmp.File("config.json")))!;
        Assert.Equal("OPTForCausalLM", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal("opt", config["model_type"]!.GetValue<string>());
        Assert.Equal(256, config["ffn_dim"]!.GetValue<int>());
        Assert.Equal("relu", config["activation_function"]!.GetValue<string>());
        Assert.True(config["do_layer_norm_before"]!.GetValue<bool>());
        Assert.True(config["enable_bias"]!.GetValue<bool>());
        Assert.Equal(128, config["max_position_embeddings"]!.GetValue<int>());
        using (var st = new SafetensorsReader(tmp.File("model.safetensors")))
            Assert.Equal(new long[] { 130, 64 }, st.Entries["model.decoder.embed_positions.weight"].Shape);

        using var back = HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32);
        foreach (var ((na, a), (nb, b)) in w.Named().Zip(back.Named()))
        {
            Assert.Equal(na, nb);
            Assert.True(a.eq(b).all().item<bool>(), $"{na} differs after the round trip");
        }
        // An OPT folder is not a LLaMA model, and the other way round.
        var e = Assert.Throws<InputException>(() => HuggingFaceFolder.Load(tmp.Path, AsLlama(), CPU, ScalarType.Float32));
        Assert.Contains("'model_type' is 'opt'", e.Message);
    }

    [Fact]
    public void AFolderWithTiedEmbeddingsAndNoModelPrefixLoads()
    {
        using var tmp = new TempDir();
        using var w = Weights();
        // As some OPT checkpoints store it: names from the bare decoder ("decoder.…"), lm_head tied to the embedding.
        var named = w.Named().Where(n => n.Name != "lm_head.weight").Select(n => (n.Name["model.".Length..], n.Tensor)).ToList();
        SafetensorsWriter.Write(tmp.File("model.safetensors"), named);
        using var back = HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32);
        Assert.True(back.LmHead.eq(w.Embedding).all().item<bool>());
        Assert.True(back.Positions!.eq(w.Positions!).all().item<bool>());
    }

    [Fact]
    public void GpuVerbMeasuresTheOptModelOnTheCpu()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var rc = GpuCommand.Create(new ScriptedRunMeter(baseMs: 2, msPerToken: 0.5)).Parse(
            ["--model", OptConfig, "--device", "cpu", "--case", "6:32", "--warmup", "0", "--repetitions", "1", "--out", tmp.Path]).Invoke();
        Assert.Equal(0, rc);
        var rows = GpuResultsFile.Read(Path.Combine(tmp.Path, "gpu_output", "cpu.csv"));
        Assert.Equal(new[] { "naive", "torch-opt" }, rows.Select(r => r.Backend));
        Assert.All(rows, r => Assert.Equal("tiny-opt", r.Model));
    }

    [Fact]
    public void LogitsVerbWritesAnOptFolderAndAgreeingLogits()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var weights = Path.Combine(tmp.Path, "w");
        var logits = Path.Combine(tmp.Path, "logits.safetensors");
        var rc = Cli.Run(["gpu", "logits", "--model", OptConfig, "--device", "cpu", "--save-weights", weights, "--out", tmp.Path, "--name", "logits", "--tokens", "12"]);
        Assert.Equal(0, rc);
        Assert.Equal("opt", JsonNode.Parse(File.ReadAllText(Path.Combine(weights, "config.json")))!["model_type"]!.GetValue<string>());
        using var r = new SafetensorsReader(logits);
        using var a = r.Read("logits.naive");
        using var b = r.Read("logits.torch-opt");
        Assert.Equal(new long[] { 1, 12, 256 }, a.shape);
        Assert.True((a - b).abs().max().item<float>() < 1e-3f);
    }
}
