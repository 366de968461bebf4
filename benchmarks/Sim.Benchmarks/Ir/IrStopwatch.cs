using System.Diagnostics;
using Sim.Workloads.Ir;

namespace Sim.Benchmarks.Ir;

/// <summary>
/// A quick Stopwatch check of IR read time, warm, without BenchmarkDotNet's minutes of runs:
///   dotnet run -c Release --project benchmarks/Sim.Benchmarks -- ir-stopwatch
/// </summary>
public static class IrStopwatch
{
    public static void Run()
    {
        var inputs = new IrBenchmarkInputs();
        Measure("read+validate decode", inputs.DecodeText.Length, () => IrReader.Read(inputs.DecodeText, "decode.yaml"));
        Measure("read+validate prefill", inputs.PrefillText.Length, () => IrReader.Read(inputs.PrefillText, "prefill.yaml"));
        var program = inputs.Generator.Generate(Stage.Decode, 512);
        Measure("generate decode", inputs.DecodeText.Length, () => inputs.Generator.Generate(Stage.Decode, 512));
        Measure("write decode", inputs.DecodeText.Length, () => IrWriter.ToYaml(program));
    }

    private static void Measure(string what, int bytes, Action action)
    {
        for (int i = 0; i < 30; i++) action(); // warm up: tiered JIT
        var times = new double[100];
        for (int i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"{what,-24} {bytes / 1024.0,6:F0} KB  min {times[0],7:F2} ms  median {times[50],7:F2} ms  p90 {times[90],7:F2} ms");
    }
}
