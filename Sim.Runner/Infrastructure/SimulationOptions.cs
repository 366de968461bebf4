using System.CommandLine;
using Sim.Vhk158.Config;
using Sim.Vhk158.Pipeline;
using Sim.Workloads.Sources;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// The one place where verbs build their simulation: the workload options (config, IR, masks),
/// the output folder and the cache switch, turned into a <see cref="SimulationPipeline"/>. A new
/// machine model or workload source appears in every verb through here.
/// </summary>
/// <remarks>
/// <c>--out</c> defaults to the config's OUTPUT_DIR, as in the artifact. Bucket profiles are
/// filed in the content-addressed cache <c>OUT/cache</c>, shared by every verb and config, and
/// exported under the artifact's names to <c>OUT/profiler_output</c>.
/// </remarks>
public sealed class SimulationOptions
{
    public const string CacheFolder = "cache";
    public const string ExportFolder = "profiler_output";

    public SimulationOptions(string? outDescription = null)
    {
        Out = new("--out")
        {
            Description = outDescription ??
                "Output folder (default: the config's OUTPUT_DIR, ./.compiler_output in the artifact's). Bucket profiles are cached " +
                "in OUT/cache for every config side by side, and written under the artifact's names to OUT/profiler_output.",
        };
    }

    public WorkloadOptions Workload { get; } = new();
    public Option<string?> Out { get; }
    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Simulate every bucket even where the cache holds its result (the cache is still filled)." };

    public void AddTo(Command command, bool withCacheSwitch = true)
    {
        Workload.AddTo(command);
        command.Options.Add(Out);
        if (withCacheSwitch) command.Options.Add(NoCache);
    }

    public HardwareConfig LoadConfig(ParseResult r) => Workload.LoadConfig(r);

    /// <summary>The output folder: --out, else the config's OUTPUT_DIR.</summary>
    public string OutDir(ParseResult r, HardwareConfig config) => r.GetValue(Out) ?? config.OutputDir;

    /// <summary>The cache of the output folder.</summary>
    public ProfileCache Cache(ParseResult r, HardwareConfig config) => new(Path.Combine(OutDir(r, config), CacheFolder));

    /// <summary>The pipeline for the config and workload the options name.</summary>
    public SimulationPipeline Build(ParseResult r, bool export = true)
    {
        var config = LoadConfig(r);
        return Build(r, config, Workload.Source(r, config), export);
    }

    public SimulationPipeline Build(ParseResult r, HardwareConfig config, IWorkloadSource source, bool export = true)
    {
        DebugKey.Warn(config);
        var outDir = OutDir(r, config);
        return new SimulationPipeline(config, source, Cache(r, config))
        {
            ReuseCache = !r.GetValue(NoCache),
            ExportDir = export ? Path.Combine(outDir, ExportFolder) : null,
        };
    }
}
