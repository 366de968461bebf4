using System.CommandLine;
using Sim.Core.Errors;
using Sim.Runner.GpuResults;

namespace Sim.Runner.Infrastructure;

/// <summary>Where <c>vhksim run</c> takes its GPU columns from: result files, or (where possible) a live measurement.</summary>
public sealed class GpuOptions
{
    /// <summary>Committed results, searched after OUT/gpu_output.</summary>
    public const string ResultsFolder = "results/gpu";

    public Option<string[]> Results { get; } = new("--gpu-results") { Description = $"A GPU results CSV as `vhksim gpu` writes it (repeatable; default: every *.csv in OUT/gpu_output/ and {ResultsFolder}/).", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Device { get; } = new("--gpu-device") { Description = "Use only GPU rows whose device contains this text (e.g. H100)." };
    public Option<bool> Measure { get; } = new("--measure-gpu") { Description = "Measure the GPU columns now (needs a CUDA GPU and the GPU backends of `vhksim gpu`)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Results);
        command.Options.Add(Device);
        command.Options.Add(Measure);
    }

    /// <summary>The GPU results the options name, and where they were looked for.</summary>
    public (IGpuResultSource Source, GpuSearch Searched) Source(ParseResult r, string outDir)
    {
        if (r.GetValue(Measure))
            throw new InputException("--measure-gpu needs a CUDA GPU and the GPU measurement backends (the `vhksim gpu` verb), which this build of vhksim does not have")
            {
                Hint = $"measure on a GPU machine with `vhksim gpu`, then pass its CSV with --gpu-results FILE or copy it to {ResultsFolder}/",
            };
        var device = r.GetValue(Device);
        if (r.GetValue(Results) is { Length: > 0 } files)
            return (new GpuResultFiles(files, device), new GpuSearch(files, []));
        string[] folders = [Path.Combine(outDir, "gpu_output"), ResultsFolder];
        var found = GpuResultFiles.Discover(folders);
        return (new GpuResultFiles(found, device), new GpuSearch(found, folders));
    }
}
