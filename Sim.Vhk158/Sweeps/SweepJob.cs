using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Vhk158.Config;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Sweeps.Shards;
using Sim.Vhk158.Sweeps.Specs;
using Sim.Vhk158.Sweeps.Studies;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Sweeps;

/// <summary>
/// One sweep on disk: <c>OUT/sweeps/ID/</c> with <c>spec.yaml</c> (the resolved spec), the shard
/// results under <c>shards/</c>, and the merged reports. ID is the spec's name, else the first
/// 12 hex digits of its hash, so two different sweeps never share a folder; a folder that holds
/// a different spec under the same name is refused rather than overwritten.
/// </summary>
public sealed class SweepJob
{
    public const string Folder = "sweeps";
    public const string SpecFile = "spec.yaml";

    private SweepJob(SweepSpec spec, string dir, HardwareConfig baseConfig, SweepPoints points)
    {
        Spec = spec;
        Dir = dir;
        BaseConfig = baseConfig;
        Points = points;
    }

    /// <summary>The resolved spec.</summary>
    public SweepSpec Spec { get; }

    public string Hash => SweepSpecWriter.Hash(Spec);
    public string Id => Spec.Name ?? Hash[..12];
    public string Dir { get; }
    public HardwareConfig BaseConfig { get; }
    public SweepPoints Points { get; }

    /// <summary>Resolves the spec, checks its folder is its own, writes spec.yaml there, and numbers the points.</summary>
    public static SweepJob Prepare(SweepSpec spec, string outDir)
    {
        var resolved = SweepSpecReader.Resolve(spec);
        var baseConfig = HardwareConfigLoader.Load(resolved.Config);
        if (resolved.Machine is { } machine)
            baseConfig = HardwareConfigLoader.WithOverrides(baseConfig, [($"{ComponentSection.Machine}.{ComponentSection.ImplKey}", machine)]);
        var points = SweepPoints.For(resolved, baseConfig);
        var id = resolved.Name ?? SweepSpecWriter.Hash(resolved)[..12];
        var dir = Path.GetFullPath(Path.Combine(outDir, Folder, id));
        var text = SweepSpecWriter.Write(resolved);
        var specPath = Path.Combine(dir, SpecFile);
        if (File.Exists(specPath) && File.ReadAllText(specPath) != text)
            throw new InputException($"sweep '{id}' already holds a different spec ({specPath})")
            {
                Hint = "give this sweep another name (name: in the spec), or remove that folder to replace it",
            };
        if (!File.Exists(specPath)) AtomicFile.WriteAllText(specPath, text);
        return new SweepJob(resolved, dir, baseConfig, points);
    }

    /// <summary>Opens a sweep folder (for merging): reads its spec.yaml back; the config must be unchanged.</summary>
    public static SweepJob Open(string sweepDir)
    {
        var specPath = Path.Combine(sweepDir, SpecFile);
        if (!File.Exists(specPath))
            throw new InputException($"not a sweep folder: {specPath} is missing") { Hint = "give a folder OUT/sweeps/ID that a sweep wrote" };
        var spec = SweepSpecReader.Load(specPath, Placeholder);
        var job = Prepare(spec, Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(sweepDir)))!);
        if (!string.Equals(job.Dir, Path.GetFullPath(sweepDir).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new InputException($"the spec in {specPath} belongs to sweep '{job.Id}', not to this folder");
        return job;
    }

    /// <summary>What a spec file leaves unset when it is a resolved one: nothing, so these never show.</summary>
    private static readonly SweepSpec Placeholder = new() { Config = "", Model = "", Cases = [], Axes = [] };

    public IReadOnlyList<int> PointsOf(SweepShard shard) => shard.Of(Points.All.Count).ToList();

    /// <summary>A runner for the points, sharing <paramref name="cache"/>.</summary>
    public SweepRunner Runner(ProfileCache? cache, bool reuseCache) =>
        new(BaseConfig, SweepWorkload.SourceFactory(Spec), cache) { ReuseCache = reuseCache };

    /// <summary>The shard's points with their configs and buckets (nothing simulated yet).</summary>
    public SweepPlan Plan(SweepShard shard, SweepRunner runner) =>
        runner.Plan(PointsOf(shard).Select(i => Points.All[i]).ToList(), Spec.Cases);

    /// <summary>The shard's rows from its outcomes (in <see cref="Plan"/>'s order).</summary>
    public SweepResults Results(SweepShard shard, IReadOnlyList<SweepOutcome> outcomes) =>
        SweepResultRows.From(Spec.Keys, Spec.Cases, PointsOf(shard).Zip(outcomes).ToList());

    /// <summary>Plans, runs and tabulates the shard's points (nothing written).</summary>
    public SweepResults Evaluate(SweepShard shard, SweepRunner runner, int parallelism = 0) =>
        Results(shard, runner.Run(Plan(shard, runner), parallelism));

    /// <summary>
    /// Estimated seconds to evaluate each point, from its buckets' costs (<see cref="BucketCost"/>);
    /// a bucket the cache already holds costs a lookup.
    /// </summary>
    public IReadOnlyList<double> EstimateSeconds(SweepRunner runner, ProfileCache? cache)
    {
        var plan = Plan(SweepShard.Whole, runner);
        return plan.Points.Select(p => p.Pipeline is null ? 0 : p.Buckets.Sum(b =>
            cache is not null && File.Exists(cache.CsvPath(p.Pipeline.Key(b))) ? BucketCost.CachedSeconds : BucketCost.Seconds(b))).ToList();
    }

    public void WriteShard(SweepShard shard, SweepResults rows) => ShardFile.Write(Dir, shard, Hash, Points.All.Count, rows);

    public bool ShardIsValid(SweepShard shard) => ShardFile.IsValid(Dir, shard, Hash, Points.All.Count);

    /// <summary>The merged results with the study columns.</summary>
    public SweepResults Merge() => SweepStudy.Apply(ShardMerge.Merge(Dir, Hash, Points.All.Count, Spec.Keys), Spec);
}
