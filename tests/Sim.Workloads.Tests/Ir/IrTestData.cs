using Sim.Tests.Shared;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;

namespace Sim.Workloads.Tests.Ir;

/// <summary>Models and text helpers shared by the IR tests.</summary>
internal static class IrTestData
{
    private static readonly Lazy<ModelDescription> Llama7b = new(() => Load("llama2-7b.yaml"));
    private static readonly Lazy<ModelDescription> Llama13b = new(() => Load("llama2-13b.yaml"));

    public static ModelDescription Model7b => Llama7b.Value;
    public static ModelDescription Model13b => Llama13b.Value;

    public static ModelDescription Load(string file) =>
        ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", file));

    /// <summary>A small LLaMA-shaped model: quick to generate, and no dimension equals another by accident.</summary>
    public static ModelDescription Tiny() => new()
    {
        Name = "tiny",
        FilePrefix = "tiny",
        HiddenSize = 64,
        IntermediateSize = 176,
        NumAttentionHeads = 2,
        NumHiddenLayers = 2,
        VocabSize = 160,
        MaxPositionEmbeddings = 256,
        Sparsity = new ProjectionSparsity { QProj = 0.7, KProj = 0.5 },
        IrBias = ["q_proj", "k_proj", "v_proj", "o_proj"],
    };

    public static IrProgram TinyProgram(Stage stage, int tokens = 48) => new IrGenerator(Tiny()).Generate(stage, tokens);

    public static string DataFile(string name) =>
        Path.Combine(ReferenceData.RepoRoot, "tests", "Sim.Workloads.Tests", "Ir", "Data", name);

    /// <summary>The 1-based line of the first line equal to <paramref name="line"/> at or after <paramref name="fromLine"/>.</summary>
    public static int LineOf(string text, string line, int fromLine = 1)
    {
        var lines = text.Split('\n');
        for (int i = fromLine - 1; i < lines.Length; i++)
            if (lines[i] == line) return i + 1;
        throw new InvalidOperationException($"line '{line}' not found after line {fromLine}");
    }

    /// <summary>The line of layer <paramref name="layer"/>'s "- name:" entry.</summary>
    public static int LayerLine(string text, string layer) => LineOf(text, $"- name: {layer}");

    /// <summary>The line of the <paramref name="nth"/> (0-based) tensor of a layer's list <paramref name="list"/> ("input", "output", "param").</summary>
    public static int TensorLine(string text, string layer, string list, int nth)
    {
        int at = LineOf(text, $"  {list}:", LayerLine(text, layer));
        var lines = text.Split('\n');
        int seen = -1;
        for (int i = at; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("  - name: ", StringComparison.Ordinal) && ++seen == nth) return i + 1;
            if (!lines[i].StartsWith("  ", StringComparison.Ordinal)) break;
        }
        throw new InvalidOperationException($"{list}[{nth}] of {layer} not found");
    }

    /// <summary>Replaces one layer of a program.</summary>
    public static IrProgram With(IrProgram p, string layer, Func<IrLayer, IrLayer> change)
    {
        int i = p.Layers.ToList().FindIndex(l => l.Name == layer);
        if (i < 0) throw new InvalidOperationException($"no layer {layer}");
        var layers = p.Layers.ToList();
        layers[i] = change(layers[i]);
        return p with { Layers = layers };
    }

    /// <summary>The 1-based line and text where two strings first differ, for failure messages.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end of file>";
            string al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return $"line {i + 1}: expected '{el}', got '{al}'";
        }
        return "no difference";
    }
}
