using Sim.Core.Errors;
using Sim.Workloads.Ir;

namespace Sim.Workloads.Tests.Ir;

/// <summary>
/// One case per rule of spec §1.4: a valid tiny program is changed in one place, written, read
/// back, and the error must name the file, the line of the offending part and the layer.
/// </summary>
public class IrValidatorTests
{
    private const string File = "ir/bad.yaml";
    private const int L = 48; // tokens of the test programs

    private sealed record Case(Stage Stage, string Layer, Func<IrLayer, IrLayer> Change, string Message, string Where);

    private static Shape3 Sh(int b, int m, int k) => new(b, m, k);
    private static IrTensor Reshape(IrTensor t, Shape3 s) => t with { Shape = s };
    private static IrTensor[] Set(IReadOnlyList<IrTensor> list, int i, Func<IrTensor, IrTensor> f) =>
        list.Select((t, j) => j == i ? f(t) : t).ToArray();
    private static IrLayer In(IrLayer l, int i, Shape3 s) => l with { Inputs = Set(l.Inputs, i, t => Reshape(t, s)) };
    private static IrLayer Out(IrLayer l, Shape3 s) => l with { Outputs = Set(l.Outputs, 0, t => Reshape(t, s)) };
    private static IrLayer Par(IrLayer l, int i, Shape3 s) => l with { Params = Set(l.Params!, i, t => Reshape(t, s)) };
    private static IrTensor Extra(string name) => new(name, Sh(1, 1, 16), IrDTypes.Int8);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // linear
        ["linear batch"] = new(Stage.Decode, "round_1_q_proj_layer_0", l => In(l, 0, Sh(2, 1, 64)), "batch must be 1", "input0"),
        ["linear input K != weight K"] = new(Stage.Decode, "round_1_q_proj_layer_1", l => In(l, 0, Sh(1, 1, 48)), "input K 48 != weight K 64", "input0"),
        ["linear output shape"] = new(Stage.Decode, "round_1_q_proj_layer_0", l => Out(l, Sh(1, 1, 80)), "output [1, 1, 80] != [1, M, N] = [1, 1, 64]", "output0"),
        ["linear N multiple of 16"] = new(Stage.Decode, "round_1_gate_layer_0", l => Out(Par(l, 0, Sh(1, 64, 180)), Sh(1, 1, 180)), "N 180 is not a multiple of 16", "param0"),
        ["linear K multiple of 16"] = new(Stage.Decode, "round_1_down_layer_0", l => In(Par(l, 0, Sh(1, 180, 64)), 0, Sh(1, 1, 180)), "K 180 is not a multiple of 16", "param0"),
        ["linear_mv M == 1"] = new(Stage.Decode, "round_1_up_layer_1", l => Out(In(l, 0, Sh(1, 2, 64)), Sh(1, 2, 176)), "linear_mv needs M == 1", "input0"),
        ["linear_mm M > 1"] = new(Stage.Prefill, "round_0_up_layer_1", l => Out(In(l, 0, Sh(1, 1, 64)), Sh(1, 1, 176)), "linear_mm needs M > 1", "input0"),
        ["linear weight batch"] = new(Stage.Decode, "round_1_v_proj_layer_0", l => Par(l, 0, Sh(2, 64, 64)), "must be [1, K, N]", "param0"),
        ["linear bias without bias param"] = new(Stage.Decode, "round_1_k_proj_layer_0", l => l with { Params = [l.Params![0]] }, "has 1 params, expected 2 (weight, bias)", "param0"),
        ["linear bias shape"] = new(Stage.Decode, "round_1_k_proj_layer_0", l => Par(l, 1, Sh(1, 1, 32)), "bias 'k_proj_layer_0.bias' is [1, 1, 32], expected [1, 1, 64]", "param1"),
        ["linear mask_mode"] = new(Stage.Decode, "round_1_out_proj_layer_0", l => l with { Structure = l.Structure with { MaskMode = "qkt" } }, "mask_mode 'qkt' is not one of none, fsb", "structure"),
        ["linear without param key"] = new(Stage.Decode, "round_1_out_proj_layer_0", l => l with { Params = null }, "missing key 'param'", "layer"),
        // attention
        ["attention batch"] = new(Stage.Decode, "round_1_attention_qkt_0", l => In(l, 1, Sh(3, 32, L)), "batch differs", "input0"),
        ["attention inner dimension"] = new(Stage.Decode, "round_1_attention_qkt_0", l => In(l, 1, Sh(2, 16, L)), "inner dimensions differ", "input1"),
        ["attention output shape"] = new(Stage.Decode, "round_1_attention_qktv_1", l => Out(l, Sh(2, 1, 16)), "output [2, 1, 16] != [B, M, N] = [2, 1, 32]", "output0"),
        ["attention_mm M > 1"] = new(Stage.Prefill, "round_0_attention_qkt_0", l => Out(In(l, 0, Sh(2, 1, 32)), Sh(2, 1, L)), "attention_mm needs M > 1", "input0"),
        ["attention_mm qkt N == M"] = new(Stage.Prefill, "round_0_attention_qkt_1", l => Out(In(l, 1, Sh(2, 32, L + 16)), Sh(2, L, L + 16)), "qkt needs N == M, got N 64, M 48", "input1"),
        ["attention_mm qktv M == K"] = new(Stage.Prefill, "round_0_attention_qktv_0", l => In(In(l, 0, Sh(2, L, L + 16)), 1, Sh(2, L + 16, 32)), "qktv needs M == K, got M 48, K 64", "input0"),
        ["attention_mm mask_mode"] = new(Stage.Prefill, "round_0_attention_qktv_0", l => l with { Structure = l.Structure with { MaskMode = "none" } }, "mask_mode 'none' is not one of qkt, qktv", "structure"),
        ["attention_mv M == 1"] = new(Stage.Decode, "round_1_attention_qkt_1", l => Out(In(l, 0, Sh(2, 2, 32)), Sh(2, 2, L)), "attention_mv needs M == 1", "input0"),
        ["attention_mv mask_mode none"] = new(Stage.Decode, "round_1_attention_qkt_0", l => l with { Structure = l.Structure with { MaskMode = "qkt" } }, "attention_mv needs mask_mode none, got 'qkt'", "structure"),
        ["attention exactly one param"] = new(Stage.Decode, "round_1_attention_qktv_0", l => l with { Params = [l.Params![0], Extra("second.mask")] }, "has 2 params, expected exactly 1", "param0"),
        ["attention relu false"] = new(Stage.Decode, "round_1_attention_qktv_0", l => l with { Structure = l.Structure with { ReluFlag = true } }, "relu_flag must be false", "structure"),
        ["attention bias false"] = new(Stage.Decode, "round_1_attention_qktv_0", l => l with { Structure = l.Structure with { BiasFlag = true } }, "bias_flag must be false", "structure"),
        // softmax, layernorm, eltwise, silu, concat
        ["softmax dim"] = new(Stage.Decode, "round_1_softmax_1", l => l with { Structure = new IrStructure(Dim: 1) }, "dim must be 2", "structure"),
        ["softmax shape"] = new(Stage.Decode, "round_1_softmax_1", l => Out(l, Sh(2, 1, 16)), "output [2, 1, 16] != input [2, 1, 48]", "output0"),
        ["softmax batch"] = new(Stage.Decode, "round_1_softmax_0", l => Out(In(l, 0, Sh(3, 1, L)), Sh(3, 1, L)), "batch 3 != the attention head count 2", "input0"),
        ["layernorm batch"] = new(Stage.Decode, "round_1_final_layer_norm_layer_1", l => Out(In(l, 0, Sh(2, 1, 64)), Sh(2, 1, 64)), "batch must be 1", "input0"),
        ["layernorm scale shape"] = new(Stage.Decode, "round_1_input_layer_norm_layer_0", l => Par(l, 0, Sh(1, 1, 32)), "expected [1, 1, 64]", "param0"),
        ["eltwise same shapes"] = new(Stage.Decode, "round_1_hidden_mul_layer_0", l => In(l, 1, Sh(1, 1, 64)), "inputs differ in shape: [1, 1, 176] and [1, 1, 64]", "input1"),
        ["eltwise two inputs"] = new(Stage.Decode, "round_1_hidden_mul_layer_0", l => l with { Inputs = [l.Inputs[0]] }, "has 1 input tensor, expected 2", "layer"),
        ["eltwise type"] = new(Stage.Decode, "round_1_hidden_sum_layer_1", l => l with { Structure = new IrStructure(EltwiseType: "eltwise_sub") }, "eltwise_type 'eltwise_sub' is not one of eltwise_mul, eltwise_add", "structure"),
        ["silu shape"] = new(Stage.Decode, "round_1_activation_fn_layer_0", l => Out(l, Sh(1, 1, 64)), "output [1, 1, 64] != input [1, 1, 176]", "output0"),
        ["concat dim"] = new(Stage.Decode, "round_1_concat_past_keys_0", l => l with { Structure = new IrStructure(Dim: 2) }, "dim must be 1", "structure"),
        ["concat input[1] M == 1"] = new(Stage.Decode, "round_1_concat_past_values_1", l => Out(In(l, 1, Sh(2, 2, 32)), Sh(2, L + 1, 32)), "input[1] must have M == 1", "input1"),
        ["concat output"] = new(Stage.Decode, "round_1_concat_past_values_1", l => Out(l, Sh(2, L, 64)), "output [2, 48, 64] != [2, 48, 32]", "output0"),
        // schema
        ["param on eltwise"] = new(Stage.Decode, "round_1_hidden_add_layer_0", l => l with { Params = [Extra("w")] }, "has a 'param' key, which only layernorm, linear_* and attention_* layers may have", "param0"),
        ["param on concat"] = new(Stage.Decode, "round_1_concat_past_keys_1", l => l with { Params = [] }, "has a 'param' key", "layer"),
        ["missing structure key"] = new(Stage.Decode, "round_1_gate_layer_1", l => l with { Structure = l.Structure with { ReluFlag = null } }, "missing structure key 'relu_flag'; this type takes structure keys bias_flag, mask_mode, relu_flag", "structure"),
        ["extra structure key"] = new(Stage.Decode, "round_1_activation_fn_layer_1", l => l with { Structure = new IrStructure(Dim: 1) }, "unexpected structure key 'dim'; this type takes an empty structure {}", "structure"),
        ["duplicate layer name"] = new(Stage.Decode, "round_1_softmax_1", l => l with { Name = "round_1_softmax_0" }, "duplicate layer name (first used by layer #", "layer"),
        ["unknown dtype"] = new(Stage.Decode, "round_1_up_layer_0", l => l with { Params = Set(l.Params!, 0, t => t with { DType = "fp16" }) }, "unknown dtype 'fp16' (allowed: int8, int32, bool)", "param0"),
        ["dimension below 1"] = new(Stage.Decode, "round_1_softmax_1", l => In(l, 0, Sh(2, 0, L)), "has a dimension below 1", "input0"),
        ["sparse ratio range"] = new(Stage.Decode, "round_1_up_layer_0", l => l with { Params = Set(l.Params!, 0, t => t with { Sparsity = new Sparsity(true, 1.5, false) }) }, "sparse_ratio 1.5 must be in (0, 1]", "param0"),
        ["output layer with outputs"] = new(Stage.Decode, "round_1_output_layer", l => l with { Outputs = [Extra("x")] }, "has 1 output tensor, expected 0", "layer"),
        ["input layer with inputs"] = new(Stage.Decode, "round_1_input_layer", l => l with { Inputs = [Extra("x")] }, "has 1 input tensor, expected 0", "layer"),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Broken_rule_is_reported_with_file_line_and_layer(string name)
    {
        var c = Cases[name];
        var original = IrTestData.TinyProgram(c.Stage, L);
        var changed = c.Change(original.Layers.First(x => x.Name == c.Layer));
        var text = IrWriter.ToYaml(IrTestData.With(original, c.Layer, c.Change));
        var e = Assert.Throws<InputException>(() => IrReader.Read(text, File));
        Assert.Contains(c.Message, e.Message);
        Assert.Equal(File, e.File);
        Assert.StartsWith($"{File}:{e.Line}: layer '{changed.Name}' ({LayerTypeNames.ToYaml(changed.Type)}): ", e.Message);
        Assert.Equal(ExpectedLine(text, c), e.Line);
    }

    [Fact]
    public void The_unchanged_programs_are_valid()
    {
        IrValidator.Validate(IrReader.Parse(IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Prefill, L)), File).Program);
        IrValidator.Validate(IrTestData.TinyProgram(Stage.Decode, L));
    }

    [Fact]
    public void Validating_a_generated_program_without_lines_names_the_layer()
    {
        var p = IrTestData.With(IrTestData.TinyProgram(Stage.Decode, L), "round_1_q_proj_layer_1", l => In(l, 0, Sh(1, 1, 48)));
        var e = Assert.Throws<InputException>(() => IrValidator.Validate(p));
        Assert.Equal("layer 'round_1_q_proj_layer_1' (linear_mv): input K 48 != weight K 64", e.Message);
        Assert.Null(e.Line);
    }

    private static int ExpectedLine(string text, Case c)
    {
        // The duplicate is the second layer with that name; the others are found by name.
        int layerLine = c.Message.StartsWith("duplicate", StringComparison.Ordinal)
            ? IrTestData.LineOf(text, $"- name: round_1_softmax_0", IrTestData.LayerLine(text, "round_1_softmax_0") + 1)
            : IrTestData.LayerLine(text, c.Layer);
        string layerName = c.Layer;
        switch (c.Where)
        {
            case "layer": return layerLine;
            case "structure":
                // A block mapping starts at its first key, the line after "  structure:".
                int s = IrTestData.LineOf(text, "  structure:", layerLine);
                return s + 1;
            default:
                string list = c.Where[..^1];
                int nth = c.Where[^1] - '0';
                return IrTestData.TensorLine(text, layerName, list, nth);
        }
    }
}
