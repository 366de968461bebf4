using Sim.Core.Errors;
using Sim.Gpu.Backends;
using Sim.Gpu.Model;
using Sim.Tests.Shared;
using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

/// <summary>Grouped-query attention (fewer key/value heads than query heads) on the CPU backends.</summary>
public class GqaTests
{
    private static string GqaConfig => Path.Combine(ReferenceData.RepoRoot, "configs", "models", "tiny-gqa.yaml");

    private static LlamaWeights GqaWeights()
    {
        TinyModel.Init();
        return RandomWeights.Create(ModelDescriptionLoader.Load(GqaConfig), 1234, CPU, ScalarType.Float32);
    }

    /// <summary>
    /// The same model written with as many key/value heads as query heads: each key/value head's
    /// rows repeated for every query head of its group. Attention must come out the same.
    /// </summary>
    private static LlamaWeights AsMultiHead(LlamaWeights g)
    {
        var m = g.Model;
        var group = m.NumAttentionHeads / m.KeyValueHeads;
        var mha = new ModelDescription
        {
            Name = m.Name + "-mha", HiddenSize = m.HiddenSize, IntermediateSize = m.IntermediateSize,
            NumAttentionHeads = m.NumAttentionHeads, NumHiddenLayers = m.NumHiddenLayers, VocabSize = m.VocabSize,
            RmsNormEps = m.RmsNormEps, RopeTheta = m.RopeTheta, MaxPositionEmbeddings = m.MaxPositionEmbeddings,
        };
        Tensor Repeat(Tensor w) => w.view(m.KeyValueHeads, m.HeadDim, m.HiddenSize).repeat_interleave(group, 0)
            .reshape(m.HiddenSize, m.HiddenSize).contiguous();
        return new LlamaWeights
        {
            Model = mha,
            Embedding = g.Embedding.clone(),
            FinalNorm = g.FinalNorm.clone(),
            LmHead = g.LmHead.clone(),
            Layers = g.Layers.Select(l => new LayerWeights
            {
                InputNorm = l.InputNorm.clone(), Q = l.Q.clone(), K = Repeat(l.K), V = Repeat(l.V), O = l.O.clone(),
                PostAttentionNorm = l.PostAttentionNorm.clone(), Gate = l.Gate.clone(), Up = l.Up.clone(), Down = l.Down.clone(),
            }).ToList(),
        };
    }

    [Fact]
    public void TheDescriptionSaysHowManyKeyValueHeadsAndTheWeightsFollow()
    {
        var m = ModelDescriptionLoader.Load(GqaConfig);
        Assert.Equal((4, 2, 32), (m.NumAttentionHeads, m.KeyValueHeads, m.KeyValueSize));
        Assert.Equal(m.NumAttentionHeads, TinyModel.Description().KeyValueHeads);   // absent: as many as query heads
        var shapes = WeightShapes.All(m).ToDictionary(x => x.Name, x => x.Shape);
        Assert.Equal(new long[] { 32, 64 }, shapes["model.layers.0.self_attn.k_proj.weight"]);
        Assert.Equal(new long[] { 32, 64 }, shapes["model.layers.1.self_attn.v_proj.weight"]);
        Assert.Equal(new long[] { 64, 64 }, shapes["model.layers.0.self_attn.q_proj.weight"]);
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("torch-opt")]
    public void GroupedAttentionEqualsMultiHeadAttentionWithRepeatedKeyValueHeads(string backend)
    {
        using var g = GqaWeights();
        using var mha = AsMultiHead(g);
        using var a = BackendCatalog.Create(backend, g);
        using var b = BackendCatalog.Create(backend, mha);
        using var prompt = TinyModel.Prompt(2, 10);
        using var la = a.Logits(prompt);
        using var lb = b.Logits(prompt);
        var scale = lb.abs().max().item<float>();
        var diff = (la - lb).abs().max().item<float>();
        Assert.True(scale > 0.5f, $"logits too small to compare: {scale}");
        Assert.True(diff < 1e-4f * scale, $"{backend}: max |GQA - MHA| = {diff}, scale {scale}");
        Assert.Equal(b.Generate(prompt, 12).Tokens, a.Generate(prompt, 12).Tokens);
    }

    [Fact]
    public void BothBackendsAgreeOnAGroupedModel()
    {
        using var w = GqaWeights();
        using var naive = new NaiveBackend(w);
        using var opt = new TorchOptBackend(w);
        using var prompt = TinyModel.Prompt(1, 9);
        var a = naive.Generate(prompt, 20).Tokens;
        Assert.Equal(a, opt.Generate(prompt, 20).Tokens);
        Assert.True(a[0].Distinct().Count() > 3, "greedy tokens barely vary: the model is degenerate");
    }

    [Fact]
    public void AHuggingFaceFolderKeepsTheKeyValueHeads()
    {
        using var tmp = new TempDir();
        using var w = GqaWeights();
        HuggingFaceFolder.Save(tmp.Path, w);
        Assert.Contains("\"num_key_value_heads\": 2", File.ReadAllText(Path.Combine(tmp.Path, "config.json")));
        using var back = HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32);
        Assert.Equal(0f, (back.Layers[1].K - w.Layers[1].K).abs().max().item<float>());
        // A config whose key/value heads differ from the description is refused, naming the key.
        var e = Assert.Throws<InputException>(() => HuggingFaceFolder.Load(tmp.Path, TinyModel.Description(), CPU, ScalarType.Float32));
        Assert.Contains("num_key_value_heads", e.Message);
    }

    [Fact]
    public void KeyValueHeadsMustDivideTheQueryHeads()
    {
        using var tmp = new TempDir();
        var path = tmp.File("bad.yaml");
        File.WriteAllText(path, File.ReadAllText(GqaConfig).Replace("num_key_value_heads: 2", "num_key_value_heads: 3"));
        var e = Assert.Throws<InputException>(() => ModelDescriptionLoader.Load(path));
        Assert.Contains("'num_key_value_heads' (3) must divide 'num_attention_heads' (4)", e.Message);
        Assert.Contains(path, e.Message);
    }
}
