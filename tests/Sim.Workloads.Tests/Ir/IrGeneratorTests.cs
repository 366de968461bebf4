using Sim.Core.Errors;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;

namespace Sim.Workloads.Tests.Ir;

public class IrGeneratorTests
{
    [Theory]
    [InlineData(Stage.Prefill, 256)]
    [InlineData(Stage.Decode, 1040)]
    public void Reading_generated_text_gives_the_generated_model(Stage stage, int tokens)
    {
        var generated = new IrGenerator(IrTestData.Model7b).Generate(stage, tokens);
        var read = IrReader.Read(IrWriter.ToYaml(generated), "generated.yaml");
        Assert.Equal(generated, read);
        Assert.Equal(stage, read.Stage);
        Assert.Equal(tokens, read.Tokens);
    }

    [Fact]
    public void Structural_equality_sees_a_changed_tensor()
    {
        var a = IrTestData.TinyProgram(Stage.Decode);
        var b = IrTestData.With(a, "round_1_softmax_0", l => l with { Outputs = [l.Outputs[0] with { Name = "other" }] });
        Assert.NotEqual(a, b);
        Assert.Equal(a, IrTestData.TinyProgram(Stage.Decode));
    }

    [Theory]
    [InlineData(Stage.Prefill, 16)]
    [InlineData(Stage.Prefill, 2048)]
    [InlineData(Stage.Prefill, 4096)]
    [InlineData(Stage.Decode, 16)]
    [InlineData(Stage.Decode, 4096)]
    public void Llama2_13b_generates_ir_that_validates(Stage stage, int tokens)
    {
        var m = IrTestData.Model13b;
        var program = new IrGenerator(m).Generate(stage, tokens);
        IrValidator.Validate(program);
        int perBlock = stage == Stage.Prefill ? 22 : 24;
        Assert.Equal(1 + m.NumHiddenLayers * perBlock + 3, program.Layers.Count);
        // Sizes come from the description, not from LLaMA2-7B.
        var q = program.Layers.Single(l => l.Name.EndsWith("_q_proj_layer_0", StringComparison.Ordinal));
        Assert.Equal(new Shape3(1, m.HiddenSize, m.HiddenSize), q.Params![0].Shape);
        var qkt = program.Layers.Single(l => l.Name.EndsWith("_attention_qkt_39", StringComparison.Ordinal));
        Assert.Equal(new Shape3(m.NumAttentionHeads, stage == Stage.Prefill ? tokens : 1, tokens), qkt.Outputs[0].Shape);
        Assert.Equal(new Shape3(40, 64, 64), qkt.Params![0].Shape);
        Assert.Equal(new Shape3(1, m.IntermediateSize, m.HiddenSize),
            program.Layers.Single(l => l.Name.EndsWith("_down_layer_7", StringComparison.Ordinal)).Params![0].Shape);
        Assert.Equal(m.VocabSize, program.Layers[^2].Outputs[0].Shape.K);
        Assert.Equal(IrProgram.FileName(stage, tokens, "llama2_13b"), new IrGenerator(m).FileName(stage, tokens));
    }

    [Fact]
    public void Sparsity_bias_and_mask_block_follow_the_description()
    {
        var m = IrTestData.Tiny();
        m.Sparsity.GateProj = 0.25;
        m.IrBias = ["down_proj", "lm_head"];
        m.IrMaskBlock = 32;
        var p = new IrGenerator(m).Generate(Stage.Prefill, 32);
        IrValidator.Validate(p);
        IrLayer L(string n) => p.Layers.Single(l => l.Name == "round_0_" + n);
        Assert.Equal(new Sparsity(true, 0.7, false), L("q_proj_layer_0").Params![0].Sparsity);
        Assert.Equal(new Sparsity(true, 0.5, false), L("k_proj_layer_1").Params![0].Sparsity);
        Assert.Equal(new Sparsity(true, 0.25, false), L("gate_layer_0").Params![0].Sparsity);
        Assert.Equal(Sparsity.Dense, L("up_layer_0").Params![0].Sparsity);
        Assert.Single(L("q_proj_layer_0").Params!);
        Assert.False(L("q_proj_layer_0").Structure.BiasFlag);
        Assert.Equal(2, L("down_layer_1").Params!.Count);
        Assert.Equal(new Shape3(1, 1, 64), L("down_layer_1").Params![1].Shape);
        Assert.Equal(IrDTypes.Int32, L("lm_head_layer").Params![1].DType);
        Assert.Equal(new Shape3(2, 32, 32), L("attention_qktv_1").Params![0].Shape);
    }

    [Fact]
    public void Decode_block_has_the_kv_cache_concats_and_names_of_spec_1_6()
    {
        var p = IrTestData.TinyProgram(Stage.Decode, 64);
        var keys = p.Layers.Single(l => l.Name == "round_1_concat_past_keys_1");
        Assert.Equal(("round_0_key_t_1", new Shape3(2, 63, 32)), (keys.Inputs[0].Name, keys.Inputs[0].Shape));
        Assert.Equal(("round_1_key_t_1", new Shape3(2, 64, 32)), (keys.Outputs[0].Name, keys.Outputs[0].Shape));
        var values = p.Layers.Single(l => l.Name == "round_1_concat_past_values_1");
        Assert.Equal("round_1_past_values_1", values.Inputs[0].Name);
        Assert.Equal("round_2_past_values_1", values.Outputs[0].Name);
        var qkt = p.Layers.Single(l => l.Name == "round_1_attention_qkt_1");
        Assert.Equal(new Shape3(2, 32, 64), qkt.Inputs[1].Shape);
        Assert.Equal("round_1_hidden_add_1", p.Layers[^4].Outputs[0].Name);
    }

    [Theory]
    [InlineData(Stage.Prefill, 0, "multiple of 16")]
    [InlineData(Stage.Prefill, 1, "multiple of 16")]
    [InlineData(Stage.Prefill, 100, "multiple of 16")]
    [InlineData(Stage.Decode, 2, "multiple of 16")]
    [InlineData(Stage.Decode, -16, "multiple of 16")]
    [InlineData(Stage.Decode, 2064, "exceeds the model's max_position_embeddings 2048")]
    [InlineData(Stage.Prefill, 4096, "exceeds the model's max_position_embeddings 2048")]
    public void Invalid_token_lengths_are_rejected(Stage stage, int tokens, string message)
    {
        var e = Assert.Throws<InputException>(() => new IrGenerator(IrTestData.Model7b).Generate(stage, tokens));
        Assert.Contains(message, e.Message);
        Assert.Contains(tokens.ToString(), e.Message);
    }

    [Fact]
    public void A_model_whose_sizes_are_not_whole_blocks_is_rejected()
    {
        var m = IrTestData.Tiny();
        m.IntermediateSize = 100;
        var e = Assert.Throws<InputException>(() => new IrGenerator(m));
        Assert.Contains("intermediate_size 100", e.Message);
    }

    [Theory]
    [InlineData(Stage.Prefill, 2048, new[] { 128, 2048 }, 16)]
    [InlineData(Stage.Decode, 2048, new[] { 16, 2048 }, 128)]
    [InlineData(Stage.Prefill, 100, new int[0], 0)]
    public void Buckets_follow_the_artifact(Stage stage, int max, int[] ends, int count)
    {
        var b = IrGenerator.Buckets(stage, max).ToList();
        Assert.Equal(count, b.Count);
        if (count > 0) Assert.Equal(ends, new[] { b[0], b[^1] });
    }

    [Fact]
    public void Model_loader_rejects_unknown_bias_projection()
    {
        var dir = Directory.CreateTempSubdirectory("vhksim-model-").FullName;
        try
        {
            var path = Path.Combine(dir, "m.yaml");
            File.WriteAllText(path, File.ReadAllText(Path.Combine(Sim.Tests.Shared.ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"))
                .Replace("ir_bias: [q_proj, k_proj, v_proj, o_proj]", "ir_bias: [q_proj, kproj]"));
            var e = Assert.Throws<InputException>(() => ModelDescriptionLoader.Load(path));
            Assert.Contains("'kproj'", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
