using Sim.Workloads.Ir;
using Sim.Workloads.Models;

namespace Sim.Benchmarks.Ir;

/// <summary>
/// The benchmark inputs: LLaMA2-7B IR text generated from configs/models/llama2-7b.yaml (byte
/// for byte the reference files, so no reference data is needed).
/// </summary>
internal sealed class IrBenchmarkInputs
{
    public IrGenerator Generator { get; }
    public string DecodeText { get; }   // llama2_decode_token_512.yaml, ~356 KB
    public string PrefillText { get; }  // llama2_prefill_token_512.yaml, ~335 KB

    public IrBenchmarkInputs()
    {
        Generator = new IrGenerator(ModelDescriptionLoader.Load(Path.Combine(RepoRoot(), "configs", "models", "llama2-7b.yaml")));
        DecodeText = IrWriter.ToYaml(Generator.Generate(Stage.Decode, 512));
        PrefillText = IrWriter.ToYaml(Generator.Generate(Stage.Prefill, 512));
    }

    private static string RepoRoot()
    {
        // BenchmarkDotNet runs from a generated folder below the project: walk up to the solution.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "VhkSim.sln"))) return d.FullName;
        }
        throw new InvalidOperationException("VhkSim.sln not found above the benchmark binaries");
    }
}
