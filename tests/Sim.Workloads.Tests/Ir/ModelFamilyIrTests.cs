using Sim.Tests.Shared;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;

namespace Sim.Workloads.Tests.Ir;

/// <summary>IR of the other evaluated models: OPT-6.7B (LayerNorm, biases, ReLU FFN, learned positions), LLaMA-3-8B (grouped-query attention), LLaMA2-13B.</summary>
public class ModelFamilyIrTests
{
    private static ModelDescription Load(string file) =>
        ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", file));

    private static IrLayer L(IrProgram p, string name) =>
        p.Layers.Single(l => l.Name == (p.Stage == Stage.Prefill ? "round_0_" : "round_1_") + name);

    /// <summary>A decode and a prefill bucket of each model: valid, and read back from the written YAML as generated.</summary>
    [Theory]
    [InlineData("opt-6.7b.yaml", Stage.Decode, 512, 1 + 1 + 32 * 15 + 3)]
    [InlineData("opt-6.7b.yaml", Stage.Prefill, 256, 1 + 1 + 32 * 13 + 3)]
    [InlineData("llama3-8b.yaml", Stage.Decode, 512, 1 + 32 * 24 + 3)]
    [InlineData("llama3-8b.yaml", Stage.Prefill, 256, 1 + 32 * 22 + 3)]
    [InlineData("llama2-13b.yaml", Stage.Decode, 512, 1 + 40 * 24 + 3)]
    [InlineData("llama2-13b.yaml", Stage.Prefill, 256, 1 + 40 * 22 + 3)]
    public void Each_model_has_a_valid_ir_that_round_trips(string file, Stage stage, int tokens, int layers)
    {
        var m = Load(file);
        var p = new IrGenerator(m).Generate(stage, tokens);
        IrValidator.Validate(p);
        Assert.Equal(layers, p.Layers.Count);
        var text = IrWriter.ToYaml(p);
        Assert.Equal(p, IrReader.Read(text, "generated.yaml"));
        Assert.Equal(text, IrWriter.ToYaml(IrReader.Read(text, "generated.yaml")));
        Assert.StartsWith(m.FilePrefix + "_", new IrGenerator(m).FileName(stage, tokens));
    }

    [Fact]
    public void Opt_block_has_layernorm_with_bias_biased_linears_a_relu_fc1_and_no_rope_or_gate()
    {
        var m = Load("opt-6.7b.yaml");
        var p = new IrGenerator(m).Generate(Stage.Decode, 512);
        // The input gives token and position embeddings; one eltwise add joins them into hidden_states_0.
        Assert.Equal(["round_1_embed_tokens", "round_1_embed_positions"], p.Layers[0].Outputs.Select(t => t.Name));
        var add = p.Layers[1];
        Assert.Equal((LayerType.Eltwise, "eltwise_add", "round_1_hidden_states_0"), (add.Type, add.Structure.EltwiseType, add.Outputs[0].Name));

        var ln = L(p, "input_layer_norm_layer_3");
        Assert.Equal((true, false), (ln.Structure.BiasFlag, ln.Structure.RmsFlag));
        Assert.Equal(["input_layer_norm_layer_3.weight", "input_layer_norm_layer_3.bias"], ln.Params!.Select(t => t.Name));
        Assert.Equal(new Shape3(1, 1, 4096), ln.Params![1].Shape);

        foreach (var lin in new[] { "q_proj", "k_proj", "v_proj", "out_proj", "fc1", "fc2" })
        {
            var l = L(p, $"{lin}_layer_5");
            Assert.True(l.Structure.BiasFlag, $"{lin} has no bias");
            Assert.Equal(lin == "fc1", l.Structure.ReluFlag);
        }
        Assert.Equal(new Shape3(1, 4096, 16384), L(p, "fc1_layer_0").Params![0].Shape);
        Assert.Equal(new Shape3(1, 16384, 4096), L(p, "fc2_layer_0").Params![0].Shape);
        Assert.Equal(new Shape3(1, 1, 16384), L(p, "fc1_layer_0").Params![1].Shape);
        // q feeds attention straight (no RoPE), the LM head has no bias (as Hugging Face's OPT), and nothing is gated.
        Assert.Equal("round_1_q_proj_out_t_0", L(p, "q_proj_layer_0").Outputs[0].Name);
        Assert.False(L(p, "lm_head_layer").Structure.BiasFlag);
        Assert.Equal(new Shape3(1, 4096, 50272), L(p, "lm_head_layer").Params![0].Shape);
        Assert.DoesNotContain(p.Layers, l => l.Name.Contains("RoPE", StringComparison.Ordinal) || l.Name.Contains("gate", StringComparison.Ordinal));
        Assert.DoesNotContain(p.Layers, l => l.Type == LayerType.Silu);
        Assert.True(L(p, "final_layer_norm_layer_in_decoder").Structure.BiasFlag);
        // fc2's output joins the residual, as the reference's down projection does.
        Assert.Equal("round_1_hidden_down_31", L(p, "fc2_layer_31").Outputs[0].Name);
        Assert.Equal("round_1_hidden_add_31", L(p, "hidden_add_layer_31").Outputs[0].Name);
    }

    [Fact]
    public void Llama3_k_and_v_have_eight_heads_and_attention_says_so()
    {
        var m = Load("llama3-8b.yaml");
        var d = new IrGenerator(m).Generate(Stage.Decode, 512);
        Assert.Equal(new Shape3(1, 4096, 1024), L(d, "k_proj_layer_0").Params![0].Shape);
        Assert.Equal(new Shape3(1, 4096, 1024), L(d, "v_proj_layer_0").Params![0].Shape);
        Assert.Equal(new Shape3(1, 4096, 4096), L(d, "q_proj_layer_0").Params![0].Shape);
        Assert.Equal(new Shape3(8, 1, 128), L(d, "k_RoPE_eltwise_add_0").Outputs[0].Shape);
        Assert.Equal(new Shape3(32, 1, 128), L(d, "q_RoPE_eltwise_add_0").Outputs[0].Shape);
        var keys = L(d, "concat_past_keys_0");
        Assert.Equal([new Shape3(8, 511, 128), new Shape3(8, 1, 128)], keys.Inputs.Select(t => t.Shape));
        Assert.Equal(new Shape3(8, 512, 128), keys.Outputs[0].Shape);
        var qkt = L(d, "attention_qkt_0");
        Assert.Equal([new Shape3(32, 1, 128), new Shape3(8, 128, 512)], qkt.Inputs.Select(t => t.Shape));
        Assert.Equal(new Shape3(32, 1, 512), qkt.Outputs[0].Shape);
        var qktv = L(d, "attention_qktv_0");
        Assert.Equal([new Shape3(32, 1, 512), new Shape3(8, 512, 128)], qktv.Inputs.Select(t => t.Shape));
        Assert.Equal(new Shape3(1, 4096, 128256), L(d, "lm_head_layer").Params![0].Shape);

        var p = new IrGenerator(m).Generate(Stage.Prefill, 256);
        Assert.Equal(new Shape3(8, 256, 128), L(p, "k_RoPE_eltwise_add_0").Outputs[0].Shape);
        Assert.Equal(new Shape3(1, 256, 1024), L(p, "v_proj_layer_0").Outputs[0].Shape);
        Assert.Equal(new Shape3(8, 128, 256), L(p, "attention_qkt_0").Inputs[1].Shape);
    }

    [Fact]
    public void Grouped_attention_must_divide_the_query_heads()
    {
        var p = new IrGenerator(Load("llama3-8b.yaml")).Generate(Stage.Decode, 64);
        var bad = p with
        {
            Layers = p.Layers.Select(l => l.Name == "round_1_attention_qkt_2"
                ? l with { Inputs = [l.Inputs[0], l.Inputs[1] with { Shape = new Shape3(5, 128, 64) }] } : l).ToList(),
        };
        var e = Assert.Throws<Sim.Core.Errors.InputException>(() => IrValidator.Validate(bad));
        Assert.Contains("round_1_attention_qkt_2", e.Message);
        Assert.Contains("must divide", e.Message);
    }
}
