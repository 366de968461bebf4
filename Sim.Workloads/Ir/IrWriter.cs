using Sim.Core.IO;
using System.Text;
using Sim.Core.Errors;
using Sim.Workloads.Ir.Yaml;

namespace Sim.Workloads.Ir;

/// <summary>
/// Writes an <see cref="IrProgram"/> as the YAML that PyYAML 6's
/// <c>yaml.dump(layers, sort_keys=False)</c> produces (spec §1.1): reading a reference file and
/// writing it again gives the same bytes. Keys come out in the reference order (§1.2, §1.4)
/// whatever order the file they were read from used.
/// </summary>
public static class IrWriter
{
    /// <summary>The YAML text of <paramref name="program"/>.</summary>
    public static string ToYaml(IrProgram program)
    {
        // A decode file of LLaMA2-7B is ~350 KB for 772 layers; size the buffer once.
        var sb = new StringBuilder(program.Layers.Count * 480 + 64);
        Write(program, sb);
        return sb.ToString();
    }

    public static void Write(IrProgram program, StringBuilder sb)
    {
        var w = new PyYamlBlockWriter(sb);
        if (program.Layers.Count == 0)
        {
            w.Raw("[]");
            w.NewLine();
            return;
        }
        foreach (var layer in program.Layers) WriteLayer(w, layer);
    }

    /// <summary>Writes the file atomically (temp file in the same folder, then rename), UTF-8 without BOM.</summary>
    public static void WriteFile(IrProgram program, string path)
    {
        // Default capacity on purpose: the builder grows in small chunks that stay off the large
        // object heap, and the chunks are encoded to the file without one big string.
        var sb = new StringBuilder();
        Write(program, sb);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            writer.Write(sb);
        });
    }

    private static void WriteLayer(PyYamlBlockWriter w, IrLayer layer)
    {
        // Sequence items at column 0, layer keys at column 2.
        w.Raw("- name:");
        w.StringValue(layer.Name, 2);
        w.NewLine();
        w.Raw("  type:");
        w.StringValue(LayerTypeNames.ToYaml(layer.Type), 2);
        w.NewLine();
        WriteTensorList(w, "  input:", layer.Inputs);
        WriteTensorList(w, "  output:", layer.Outputs);
        if (layer.Params is not null) WriteTensorList(w, "  param:", layer.Params);
        WriteStructure(w, layer.Structure);
    }

    private static void WriteTensorList(PyYamlBlockWriter w, string key, IReadOnlyList<IrTensor> tensors)
    {
        w.Raw(key);
        if (tensors.Count == 0)
        {
            w.Raw(" []");
            w.NewLine();
            return;
        }
        w.NewLine();
        // PyYAML does not indent a block sequence under a mapping key: "- " at column 2, keys at 4.
        foreach (var t in tensors)
        {
            w.Raw("  - name:");
            w.StringValue(t.Name, 4);
            w.NewLine();
            w.Raw("    shape:");
            w.NewLine();
            WriteDim(w, t.Shape.B);
            WriteDim(w, t.Shape.M);
            WriteDim(w, t.Shape.K);
            w.Raw("    dtype:");
            w.StringValue(t.DType, 4);
            w.NewLine();
            w.Raw("    addr:");
            w.IntValue(t.Addr);
            w.NewLine();
            if (t.Sparsity is { } sp)
            {
                w.Raw("    sparse_flag:");
                w.BoolValue(sp.Flag);
                w.NewLine();
                w.Raw("    sparse_ratio:");
                // An integer spelling is kept only where it is exact; otherwise the value would change.
                if (sp.RatioIsInteger && sp.Ratio == Math.Floor(sp.Ratio) && Math.Abs(sp.Ratio) < 1e18) w.IntValue((long)sp.Ratio);
                else w.FloatValue(sp.Ratio);
                w.NewLine();
            }
        }
    }

    private static void WriteDim(PyYamlBlockWriter w, int v)
    {
        w.Raw("    -");
        w.IntValue(v);
        w.NewLine();
    }

    private static void WriteStructure(PyYamlBlockWriter w, IrStructure s)
    {
        w.Raw("  structure:");
        if (s == IrStructure.Empty)
        {
            w.Raw(" {}");
            w.NewLine();
            return;
        }
        w.NewLine();
        // Reference key order: bias_flag, RMS_flag (layernorm) / bias_flag, mask_mode, relu_flag
        // (linear, attention) / eltwise_type / dim.
        if (s.BiasFlag is { } bias) { w.Raw("    bias_flag:"); w.BoolValue(bias); w.NewLine(); }
        if (s.RmsFlag is { } rms) { w.Raw("    RMS_flag:"); w.BoolValue(rms); w.NewLine(); }
        if (s.MaskMode is { } mode) { w.Raw("    mask_mode:"); w.StringValue(mode, 4); w.NewLine(); }
        if (s.ReluFlag is { } relu) { w.Raw("    relu_flag:"); w.BoolValue(relu); w.NewLine(); }
        if (s.EltwiseType is { } et) { w.Raw("    eltwise_type:"); w.StringValue(et, 4); w.NewLine(); }
        if (s.Dim is { } dim) { w.Raw("    dim:"); w.IntValue(dim); w.NewLine(); }
    }
}
