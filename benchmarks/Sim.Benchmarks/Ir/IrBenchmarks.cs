using BenchmarkDotNet.Attributes;
using Sim.Workloads.Ir;

namespace Sim.Benchmarks.Ir;

/// <summary>
/// IR reading (YamlDotNet event stream → typed model → validation), generation and writing for
/// one ~350 KB LLaMA2-7B file.
///   dotnet run -c Release --project benchmarks/Sim.Benchmarks -- --filter '*IrBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class IrBenchmarks
{
    private IrBenchmarkInputs _in = null!;
    private IrProgram _decode = null!;
    private string _tempFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _in = new IrBenchmarkInputs();
        _decode = _in.Generator.Generate(Stage.Decode, 512);
        _tempFile = Path.Combine(Path.GetTempPath(), $"vhksim-ir-bench-{Environment.ProcessId}.yaml");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (File.Exists(_tempFile)) File.Delete(_tempFile);
    }

    [Benchmark(Description = "read+validate decode (356 KB)")]
    public IrProgram ReadDecode() => IrReader.Read(_in.DecodeText, "decode.yaml");

    [Benchmark(Description = "read+validate prefill (335 KB)")]
    public IrProgram ReadPrefill() => IrReader.Read(_in.PrefillText, "prefill.yaml");

    [Benchmark(Description = "validate decode (model only)")]
    public void ValidateDecode() => IrValidator.Validate(_decode);

    [Benchmark(Description = "generate decode")]
    public IrProgram GenerateDecode() => _in.Generator.Generate(Stage.Decode, 512);

    [Benchmark(Description = "write decode to string")]
    public string WriteDecode() => IrWriter.ToYaml(_decode);

    [Benchmark(Description = "generate+write decode file")]
    public void GenerateAndWriteFile() => IrWriter.WriteFile(_in.Generator.Generate(Stage.Decode, 512), _tempFile);
}
