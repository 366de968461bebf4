using System.CommandLine;
using Sim.Gpu.Backends;
using Sim.Gpu.Measurement;
using Sim.Gpu.Runtime;
using Sim.Runner.GpuResults;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Infrastructure;

/// <summary>Where <c>vhksim run</c> takes its GPU columns from: result files, or (where possible) a live measurement.</summary>
public sealed class GpuOptions
{
    /// <summary>Committed results, searched after OUT/gpu_output.</summary>
    public const string ResultsFolder = "results/gpu";

    /// <summary>The committed file read first: the H200 measurements (h100.csv stays as history).</summary>
    public const string PreferredResults = "h200.csv";

    public Option<string[]> Results { get; } = new("--gpu-results") { Description = $"A GPU results CSV as `vhksim gpu` writes it (repeatable; default: every *.csv in OUT/gpu_output/, then {ResultsFolder}/{PreferredResults} (the H200), then the rest of {ResultsFolder}/, such as the H100's h100.csv; the first file with a case wins).", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Device { get; } = new("--gpu-device") { Description = "Use only GPU rows whose device contains this text (e.g. H100)." };
    public Option<bool> Measure { get; } = new("--measure-gpu") { Description = "Measure the GPU columns now on the CUDA GPU with every `vhksim gpu` backend (seed protocol; slow), then use those rows." };
    public Option<bool> Quick { get; } = new("--gpu-quick") { Description = "With --measure-gpu: the quick protocol (1 short warm-up, 3 timed runs)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Results);
        command.Options.Add(Device);
        command.Options.Add(Measure);
        command.Options.Add(Quick);
    }

    /// <summary>The GPU results the options name, and where they were looked for.</summary>
    /// <param name="r">the command line</param>
    /// <param name="outDir">the run's output folder (measurements go to OUT/gpu_output/)</param>
    /// <param name="modelPath">the model description, for a live measurement</param>
    /// <param name="cases">the cases, for a live measurement</param>
    public (IGpuResultSource Source, GpuSearch Searched) Source(ParseResult r, string outDir, string modelPath, IReadOnlyList<FpgaCase> cases)
    {
        if (r.GetValue(Measure))
        {
            // A live measurement writes the usual results file and the comparison reads it back.
            var request = new GpuRunRequest(
                ModelPath: modelPath,
                Backends: BackendCatalog.Resolve([]),
                Cases: cases.Select(c => new MeasurementCase(1, c.Prefill, c.Decode)).ToList(),
                Device: TorchDevice.Cuda,
                Options: r.GetValue(Quick) ? MeasurementOptions.QuickRuns : MeasurementOptions.Seed5x10,
                OutDir: outDir);
            var outcome = GpuRun.Execute(request, new Commands.PlainGpuProgress(Console.Error));
            return (new GpuResultFiles([outcome.CsvPath], r.GetValue(Device)), new GpuSearch([outcome.CsvPath], []));
        }
        var device = r.GetValue(Device);
        if (r.GetValue(Results) is { Length: > 0 } files)
            return (new GpuResultFiles(files, device), new GpuSearch(files, []));
        string[] folders = [Path.Combine(outDir, "gpu_output"), ShippedFiles.Resolve(ResultsFolder)];
        var found = GpuResultFiles.Discover(folders, PreferredResults);
        return (new GpuResultFiles(found, device), new GpuSearch(found, folders));
    }
}
