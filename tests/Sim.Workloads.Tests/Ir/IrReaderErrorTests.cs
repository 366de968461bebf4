using Sim.Core.Errors;
using Sim.Workloads.Ir;

namespace Sim.Workloads.Tests.Ir;

/// <summary>Bad YAML and bad schema: each error names the file, a line and (inside a layer) the layer.</summary>
public class IrReaderErrorTests
{
    private const string File = "ir/tiny_decode_token_48.yaml";
    private static readonly string Text = IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Decode, 48));

    private static InputException Bad(string text)
    {
        var e = Assert.Throws<InputException>(() => IrReader.Read(text, File));
        Assert.Equal(File, e.File);
        Assert.NotNull(e.Line);
        Assert.StartsWith($"{File}:{e.Line}: ", e.Message);
        return e;
    }

    private static string ReplaceLine(string text, int line, string? with)
    {
        var lines = text.Split('\n').ToList();
        if (with is null) lines.RemoveAt(line - 1); else lines[line - 1] = with;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Truncated_mid_line_reports_a_line_near_the_end_and_suggests_truncation()
    {
        int cut = Text.IndexOf("    dtype: int8", Text.Length * 2 / 3, StringComparison.Ordinal) + "    dty".Length;
        var e = Bad(Text[..cut]);
        Assert.Contains("truncated", e.Message);
        int lastLine = Text[..cut].Count(c => c == '\n') + 1;
        Assert.InRange(e.Line!.Value, lastLine - 2, lastLine);
    }

    [Fact]
    public void Truncated_at_a_line_boundary_names_the_last_layer_and_suggests_truncation()
    {
        int layer = IrTestData.LayerLine(Text, "round_1_gate_layer_1");
        int structure = IrTestData.LineOf(Text, "  structure:", layer);
        var text = string.Join('\n', Text.Split('\n').Take(structure - 1)) + "\n";
        var e = Bad(text);
        Assert.Equal($"{File}:{layer}: layer 'round_1_gate_layer_1' (linear_mv): missing key 'structure' (this is the last layer and the file ends at line {structure - 1}: is it truncated?)", e.Message);
    }

    [Fact]
    public void Truncated_inside_a_shape_reports_the_rank_and_suggests_truncation()
    {
        int layer = IrTestData.LayerLine(Text, "round_1_up_layer_1");
        int shape = IrTestData.LineOf(Text, "    shape:", layer);
        var text = string.Join('\n', Text.Split('\n').Take(shape + 2)) + "\n";
        var e = Bad(text);
        Assert.Contains("layer 'round_1_up_layer_1' (linear_mv): input[0]: shape [1, 1] has rank 2", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Unknown_layer_type_names_the_allowed_ones()
    {
        int line = IrTestData.LineOf(Text, "  type: silu");
        var e = Bad(ReplaceLine(Text, line, "  type: gelu"));
        Assert.Equal($"{File}:{line}: layer 'round_1_activation_fn_layer_0' (gelu): unknown layer type 'gelu' " +
                     "(allowed: input, output, layernorm, linear_mm, linear_mv, attention_mm, attention_mv, eltwise, softmax, silu, concat)", e.Message);
    }

    [Fact]
    public void Missing_layer_key_is_reported_at_the_layer()
    {
        int layer = IrTestData.LayerLine(Text, "round_1_softmax_1");
        var e = Bad(ReplaceLine(Text, layer + 1, null)); // drop "  type: softmax"
        Assert.Equal($"{File}:{layer}: layer 'round_1_softmax_1': missing key 'type'", e.Message);
    }

    [Fact]
    public void Missing_tensor_key_is_reported_at_the_tensor()
    {
        int tensor = IrTestData.TensorLine(Text, "round_1_v_proj_layer_1", "output", 0);
        int dtype = IrTestData.LineOf(Text, "    dtype: int8", tensor);
        var e = Bad(ReplaceLine(Text, dtype, null));
        Assert.Equal($"{File}:{tensor}: layer 'round_1_v_proj_layer_1' (linear_mv): output[0] 'round_1_v_proj_out_t_1': missing key 'dtype'", e.Message);
    }

    [Fact]
    public void Wrong_rank_is_reported_at_the_shape()
    {
        int tensor = IrTestData.TensorLine(Text, "round_1_softmax_0", "input", 0);
        int shape = IrTestData.LineOf(Text, "    shape:", tensor);
        var e = Bad(ReplaceLine(Text, shape + 1, null)); // [2, 1, 48] -> [1, 48]
        Assert.Equal($"{File}:{shape + 1}: layer 'round_1_softmax_0' (softmax): input[0]: shape [1, 48] has rank 2; every IR tensor has rank 3 [B, M, K]", e.Message);
    }

    [Fact]
    public void Rank_four_is_rejected()
    {
        int tensor = IrTestData.TensorLine(Text, "round_1_softmax_0", "input", 0);
        int shape = IrTestData.LineOf(Text, "    shape:", tensor);
        var lines = Text.Split('\n').ToList();
        lines.RemoveRange(shape - 1, 4);
        lines.Insert(shape - 1, "    shape: [1, 2, 1, 48]");
        var e = Bad(string.Join('\n', lines));
        Assert.Equal(shape, e.Line);
        Assert.Contains("layer 'round_1_softmax_0' (softmax): input[0]: shape [1, 2, 1, 48] has rank 4", e.Message);
    }

    [Fact]
    public void Quoted_integer_is_not_an_integer()
    {
        int tensor = IrTestData.TensorLine(Text, "round_1_gate_layer_0", "param", 0);
        int shape = IrTestData.LineOf(Text, "    shape:", tensor);
        var e = Bad(ReplaceLine(Text, shape + 3, "    - '176'"));
        Assert.Equal($"{File}:{shape + 3}: layer 'round_1_gate_layer_0' (linear_mv): param[0] shape[2]: expected an integer, found the quoted string '176'", e.Message);
    }

    [Fact]
    public void Not_a_bool_is_rejected()
    {
        int line = IrTestData.LineOf(Text, "    sparse_flag: true");
        var e = Bad(ReplaceLine(Text, line, "    sparse_flag: maybe"));
        Assert.Contains("param[0] sparse_flag: expected true or false, found 'maybe'", e.Message);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Unknown_and_duplicate_keys_are_rejected()
    {
        int tensor = IrTestData.TensorLine(Text, "round_1_softmax_0", "output", 0);
        var e = Bad(ReplaceLine(Text, tensor + 1, "    stride: 1\n    shape:"));
        Assert.Equal(tensor + 1, e.Line);
        Assert.Contains("layer 'round_1_softmax_0' (softmax): output[0]: unknown key 'stride' (a tensor has name, shape, dtype, addr, sparse_flag, sparse_ratio)", e.Message);

        int layer = IrTestData.LayerLine(Text, "round_1_softmax_0");
        e = Bad(ReplaceLine(Text, layer + 1, "  type: softmax\n  name: again"));
        Assert.Equal(layer + 2, e.Line);
        Assert.Contains("duplicate key 'name'", e.Message);
    }

    [Fact]
    public void Only_sparse_flag_without_ratio_is_rejected()
    {
        int line = IrTestData.LineOf(Text, "    sparse_ratio: 0.7");
        var e = Bad(ReplaceLine(Text, line, null));
        Assert.Contains("'sparse_flag' and 'sparse_ratio' go together", e.Message);
    }

    [Fact]
    public void Null_value_is_reported()
    {
        int layer = IrTestData.LayerLine(Text, "round_1_softmax_0");
        var e = Bad(ReplaceLine(Text, layer, "- name:"));
        Assert.Equal(layer, e.Line);
        Assert.Contains("the layer name: expected a string, found nothing (null)", e.Message);
    }

    [Fact]
    public void Stages_cannot_be_mixed()
    {
        int layer = IrTestData.LayerLine(Text, "round_1_up_layer_1");
        var e = Bad(ReplaceLine(Text, layer + 1, "  type: linear_mm"));
        Assert.Equal(layer, e.Line);
        Assert.Contains("layer 'round_1_up_layer_1' (linear_mm) is a prefill layer, but layer 'round_1_q_proj_layer_0'", e.Message);
    }

    [Theory]
    [InlineData("", "empty IR file: expected a list of layers")]
    [InlineData("# only a comment\n", "empty IR file: expected a list of layers")]
    [InlineData("name: x\ntype: input\n", "expected a list of layers at the top level, found a mapping")]
    [InlineData("[]\n", "the IR has no layers")]
    [InlineData("- 1\n", "layer #0: expected a layer mapping")]
    [InlineData("- name: 'unterminated\n", "invalid YAML")]
    [InlineData("- *nope\n", "alias *nope refers to no anchor defined before it")]
    [InlineData("- {name: a, type: input, input: [], output: [], structure: {}}\n---\n- {}\n", "more than one YAML document")]
    public void Malformed_documents_are_reported_with_a_line(string text, string message)
    {
        var e = Bad(text);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Missing_file_is_an_input_error()
    {
        var e = Assert.Throws<InputException>(() => IrReader.ReadFile("no/such/ir.yaml"));
        Assert.Equal("no/such/ir.yaml: IR file not found", e.Message);
    }
}
