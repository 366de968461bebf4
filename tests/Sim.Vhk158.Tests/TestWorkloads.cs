using Sim.Tests.Shared;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Synthetic;
using Sim.Workloads.Models;

namespace Sim.Vhk158.Tests;

/// <summary>Configs, models, masks and programs the compiler and machine tests share.</summary>
internal static class TestWorkloads
{
    private static readonly Lazy<ModelDescription> Llama7b = new(() =>
        ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml")));
    private static readonly Lazy<MaskSet> Synthetic = new(() => SyntheticMaskGenerator.Generate(new SyntheticMaskOptions()));

    public static ModelDescription Model => Llama7b.Value;
    public static MaskSet SyntheticMasks => Synthetic.Value;

    /// <summary>The project's own copy of the reference config.</summary>
    public static HardwareConfig Config() =>
        HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"));

    /// <summary>The project config with some keys changed together (validated as a whole).</summary>
    public static HardwareConfig With(params (string Key, string Value)[] overrides)
    {
        var path = Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml");
        var lines = File.ReadAllLines(path);
        foreach (var (key, value) in overrides)
        {
            int i = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
            if (i < 0) throw new ArgumentException($"no key {key} in {path}");
            lines[i] = $"{key}: {value}";
        }
        return HardwareConfigLoader.Parse(string.Join('\n', lines), "test-variant.yaml").GetOrThrow();
    }

    public static IrProgram Program(Stage stage, int tokens) => new IrGenerator(Model).Generate(stage, tokens);

    public static List<CompiledGroup> Compile(HardwareConfig config, Stage stage, int tokens, MaskSet? masks = null) =>
        new ProgramCompiler(config, masks ?? SyntheticMasks, "test").Compile(Program(stage, tokens)).ToList();

    public static long[] Counts(IEnumerable<CompiledGroup> groups)
    {
        var counts = new long[ModuleSet.Count];
        foreach (var g in groups)
            for (int m = 0; m < ModuleSet.Count; m++) counts[m] += g.Instructions.CountOf((Module)m);
        return counts;
    }
}
