using System.Text;
using System.Text.Json;
using Sim.Tests.Shared;
using Sim.Workloads.Ir;

namespace Sim.Workloads.Tests.Ir;

/// <summary>Reading and writing again gives the same bytes; the reader accepts other YAML spellings.</summary>
public class IrRoundTripTests
{
    [SkippableTheory]
    [InlineData("llama2_prefill_token_128.yaml")]
    [InlineData("llama2_prefill_token_2048.yaml")]
    [InlineData("llama2_decode_token_16.yaml")]
    [InlineData("llama2_decode_token_2048.yaml")]
    public void Reference_file_reads_and_writes_back_byte_identical(string file)
    {
        ReferenceData.SkipIfAbsent();
        var path = Path.Combine(ReferenceData.IrDir, file);
        var text = File.ReadAllText(path);
        var program = IrReader.ReadFile(path);
        var back = IrWriter.ToYaml(program);
        Assert.True(text == back, $"{file}: {IrTestData.FirstDifference(text, back)}");
        Assert.Equal(file.Contains("prefill") ? Stage.Prefill : Stage.Decode, program.Stage);
        Assert.Equal(int.Parse(file.Split('_')[^1].Split('.')[0]), program.Tokens);
    }

    [Fact]
    public void Writer_matches_pyyaml_on_awkward_strings_and_floats()
    {
        // Produced by PyYAML 6 (Data/pyyaml_odd_scalars.py): quoting, escapes, folding, unicode, floats.
        var text = File.ReadAllText(IrTestData.DataFile("pyyaml_odd_scalars.yaml"));
        var parsed = IrReader.Parse(text, "pyyaml_odd_scalars.yaml").Program;
        var back = IrWriter.ToYaml(parsed);
        Assert.True(text == back, IrTestData.FirstDifference(text, back));
    }

    [Theory]
    [InlineData(Stage.Prefill)]
    [InlineData(Stage.Decode)]
    public void Flow_style_quoted_and_reordered_keys_read_the_same(Stage stage)
    {
        var program = IrTestData.TinyProgram(stage);
        var flow = FlowYaml(program);
        Assert.DoesNotContain("\n- name", flow);
        var parsed = IrReader.Read(flow, "flow.yaml");
        Assert.Equal(program, parsed);
    }

    [Fact]
    public void Anchors_and_aliases_are_resolved()
    {
        // What PyYAML writes when a generator reuses one dict object (spec §1.1).
        const string yaml = """
            - name: round_0_input_layer
              type: input
              input: []
              output:
              - &id001
                name: round_0_hidden_states_0
                shape: &shape [1, 32, 64]
                dtype: int8
                addr: 0
              structure: &empty {}
            - name: round_0_q_proj_layer_0
              type: linear_mm
              input:
              - *id001
              output:
              - {name: round_0_q, shape: *shape, dtype: int8, addr: 0}
              param:
              - {name: q.weight, shape: [1, 64, 64], dtype: int8, addr: 0, sparse_flag: true, sparse_ratio: 0.7}
              structure: {bias_flag: false, mask_mode: none, relu_flag: false}
            - name: round_0_output_layer
              type: output
              input: [*id001]
              output: []
              structure: *empty
            """;
        var p = IrReader.Read(yaml, "anchors.yaml");
        Assert.Equal(Stage.Prefill, p.Stage);
        Assert.Equal(32, p.Tokens);
        Assert.Equal(p.Layers[0].Outputs[0], p.Layers[1].Inputs[0]);
        Assert.Equal(new Shape3(1, 32, 64), p.Layers[1].Outputs[0].Shape);
        Assert.Equal(new Sparsity(true, 0.7, false), p.Layers[1].Params![0].Sparsity);
        Assert.Equal(IrStructure.Empty, p.Layers[2].Structure);
        // Written back without anchors: every tensor is its own mapping.
        Assert.DoesNotContain("&", IrWriter.ToYaml(p));
    }

    [Fact]
    public void Integer_and_float_sparse_ratio_spellings_are_kept()
    {
        var text = IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Decode));
        Assert.Contains("    sparse_ratio: 1\n", text);
        Assert.Contains("    sparse_ratio: 0.7\n", text);
        var changed = text.Replace("    sparse_ratio: 1\n", "    sparse_ratio: 1.0\n");
        Assert.Equal(changed, IrWriter.ToYaml(IrReader.Read(changed, "x.yaml")));
    }

    [Fact]
    public void WriteFile_writes_atomically_and_leaves_no_temp_file()
    {
        var dir = Directory.CreateTempSubdirectory("vhksim-ir-").FullName;
        try
        {
            var program = IrTestData.TinyProgram(Stage.Decode);
            var path = Path.Combine(dir, "sub", "tiny.yaml");
            IrWriter.WriteFile(program, path);
            IrWriter.WriteFile(program, path); // overwrite
            Assert.Equal(IrWriter.ToYaml(program), File.ReadAllText(path));
            Assert.Equal(new[] { "tiny.yaml" }, Directory.GetFiles(Path.Combine(dir, "sub")).Select(Path.GetFileName));
            var bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]); // no BOM
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // JSON is YAML flow style: quoted strings, keys in reverse order, no block structure.
    private static string FlowYaml(IrProgram p)
    {
        static string Q(string s) => JsonSerializer.Serialize(s);
        static string Tensor(IrTensor t)
        {
            var parts = new List<string>();
            if (t.Sparsity is { } sp)
            {
                parts.Add($"\"sparse_ratio\": {(sp.RatioIsInteger ? ((long)sp.Ratio).ToString() : sp.Ratio.ToString("R", System.Globalization.CultureInfo.InvariantCulture))}");
                parts.Add($"\"sparse_flag\": {(sp.Flag ? "true" : "false")}");
            }
            parts.Add($"\"addr\": {t.Addr}");
            parts.Add($"\"dtype\": {Q(t.DType)}");
            parts.Add($"\"shape\": [{t.Shape.B}, {t.Shape.M}, {t.Shape.K}]");
            parts.Add($"\"name\": {Q(t.Name)}");
            return "{" + string.Join(", ", parts) + "}";
        }
        static string List(IEnumerable<IrTensor> ts) => "[" + string.Join(", ", ts.Select(Tensor)) + "]";
        static string B(bool b) => b ? "true" : "false";
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < p.Layers.Count; i++)
        {
            var l = p.Layers[i];
            var s = l.Structure;
            var st = new List<string>();
            if (s.Dim is { } d) st.Add($"\"dim\": {d}");
            if (s.EltwiseType is { } e) st.Add($"\"eltwise_type\": {Q(e)}");
            if (s.ReluFlag is { } r) st.Add($"\"relu_flag\": {B(r)}");
            if (s.MaskMode is { } m) st.Add($"\"mask_mode\": {Q(m)}");
            if (s.RmsFlag is { } rms) st.Add($"\"RMS_flag\": {B(rms)}");
            if (s.BiasFlag is { } bias) st.Add($"\"bias_flag\": {B(bias)}");
            sb.Append("  {\"structure\": {").Append(string.Join(", ", st)).Append("}, ");
            if (l.Params is not null) sb.Append("\"param\": ").Append(List(l.Params)).Append(", ");
            sb.Append("\"output\": ").Append(List(l.Outputs)).Append(", ");
            sb.Append("\"input\": ").Append(List(l.Inputs)).Append(", ");
            sb.Append("\"type\": ").Append(Q(LayerTypeNames.ToYaml(l.Type))).Append(", ");
            sb.Append("\"name\": ").Append(Q(l.Name)).Append('}');
            sb.Append(i + 1 < p.Layers.Count ? ",\n" : "\n");
        }
        return sb.Append("]\n").ToString();
    }
}
