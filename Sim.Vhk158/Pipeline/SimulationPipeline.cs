using System.Collections.Concurrent;
using Sim.Core.IO;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// The one chain every verb runs through: config → workload source → compiler → machine model →
/// buckets → cache. A bucket's profile comes from the content-addressed cache when an entry for
/// its exact inputs exists (and reuse is on), else it is simulated and filed there; cases sum
/// their buckets as the artifact's run.py does. Buckets run in parallel across cores, each an
/// independent simulation.
/// </summary>
public sealed class SimulationPipeline
{
    private readonly ProfileKey _keys;

    /// <param name="config">the hardware config (it selects the machine model)</param>
    /// <param name="source">where the IR and masks come from</param>
    /// <param name="cache">the cache to read and fill, or null for none</param>
    /// <param name="groups">compiled groups to share with other pipelines of the same process (a sweep's points), or null for this pipeline's own</param>
    public SimulationPipeline(HardwareConfig config, IWorkloadSource source, ProfileCache? cache, CompiledGroupCache? groups = null)
    {
        Config = config;
        Source = source;
        Cache = cache;
        Profiler = new FpgaProfiler(config, groups);
        _keys = new ProfileKey(config, source);
    }

    public HardwareConfig Config { get; }
    public IWorkloadSource Source { get; }
    public FpgaProfiler Profiler { get; }
    public ProfileCache? Cache { get; }

    /// <summary>Whether cache entries are reused; when false every bucket is simulated (and still filed).</summary>
    public bool ReuseCache { get; init; } = true;

    /// <summary>Where each finished bucket's CSV is also written under the artifact's file name (OUT/profiler_output), or null.</summary>
    public string? ExportDir { get; init; }

    public BucketPolicy Policy { get; init; } = BucketPolicy.Reference;

    /// <summary>The cache key of a bucket's inputs.</summary>
    public string Key(Bucket bucket) => _keys.For(bucket);

    /// <summary>Where a bucket's CSV is exported, or null without an export folder.</summary>
    public string? ExportPath(Bucket b) =>
        ExportDir is null ? null : Path.Combine(ExportDir, ProfilerCsv.FileName(Source.Prefix, b.Stage, b.Tokens));

    /// <summary>One bucket compiled into instruction groups, streamed as the consumer asks (nothing simulated).</summary>
    public IEnumerable<CompiledGroup> Compile(Bucket bucket) =>
        Profiler.Compiler(Source.Masks, Source.Describe(bucket.Stage, bucket.Tokens)).Compile(Source.Load(bucket.Stage, bucket.Tokens));

    /// <summary>Simulates one bucket with <paramref name="observer"/> attached (never from the cache), and files the result.</summary>
    /// <param name="progress">optional: the share of the bucket simulated so far (<see cref="LayerProgress"/>)</param>
    public ProfileResult Simulate(Bucket bucket, IRunObserver? observer = null, IProgress<double>? progress = null)
    {
        var program = Source.Load(bucket.Stage, bucket.Tokens);
        var result = Profiler.Profile(program, Source.Masks, Source.Describe(bucket.Stage, bucket.Tokens), observer, progress);
        File(bucket, result);
        return result;
    }

    /// <summary>One bucket: from the cache when an entry for its inputs exists (and reuse is on), else simulated and filed.</summary>
    /// <param name="progress">optional: the share simulated so far, when it is simulated</param>
    public BucketDone Profile(Bucket bucket, IProgress<double>? progress = null)
    {
        if (Cache is not null && ReuseCache && Cache.TryRead(Key(bucket)) is { } cached)
        {
            Export(bucket, cached);
            return new BucketDone(bucket, cached, Cached: true);
        }
        return new BucketDone(bucket, Simulate(bucket, progress: progress), Cached: false);
    }

    /// <param name="buckets">the buckets to run (duplicates are run once)</param>
    /// <param name="parallelism">worker count; 0 means one per core</param>
    /// <param name="done">called after each bucket (from worker threads)</param>
    /// <param name="within">optional: progress inside each simulated bucket (bucket, share so far), from worker threads</param>
    public IReadOnlyDictionary<Bucket, ProfileResult> Run(IEnumerable<Bucket> buckets, int parallelism = 0, Action<BucketDone>? done = null,
                                                         Action<Bucket, double>? within = null)
    {
        var results = new ConcurrentDictionary<Bucket, ProfileResult>();
        var distinct = buckets.Distinct().ToList();
        // A core left over by the buckets compiles ahead of the machine (one large bucket alone).
        Profiler.CompilesAhead = distinct.Count < (parallelism > 0 ? parallelism : Environment.ProcessorCount);
        BucketScheduler.Run(distinct, b => b, parallelism, bucket =>
        {
            var outcome = Profile(bucket, within is null ? null : LayerProgress.To(share => within(bucket, share)));
            results[bucket] = outcome.Result;
            done?.Invoke(outcome);
        });
        return results;
    }

    /// <summary>Every bucket the cases need, validated against MAX_LEN.</summary>
    public IReadOnlyList<Bucket> BucketsFor(IEnumerable<FpgaCase> cases)
    {
        var buckets = new HashSet<Bucket>();
        foreach (var c in cases)
        {
            var (pre, dec) = Policy.Buckets(c.Prefill, c.Decode, Config.MaxLen);
            buckets.Add(new Bucket(Stage.Prefill, pre));
            foreach (var d in dec) buckets.Add(new Bucket(Stage.Decode, d));
        }
        return buckets.OrderBy(b => b.Stage).ThenBy(b => b.Tokens).ToList();
    }

    /// <summary>End-to-end latency of request cases: every bucket they need once (in parallel), then each case's sum.</summary>
    public IReadOnlyList<CaseResult> RunCases(IReadOnlyList<FpgaCase> cases, int parallelism = 0, Action<BucketDone>? done = null,
                                              Action<Bucket, double>? within = null)
    {
        var results = Run(BucketsFor(cases), parallelism, done, within);
        return cases.Select(c => Aggregate(c, results)).ToList();
    }

    /// <summary>A case's latency from its buckets' results, summed as run.py does (from the CSV's printed values).</summary>
    public CaseResult Aggregate(FpgaCase c, IReadOnlyDictionary<Bucket, ProfileResult> results) =>
        CaseResult.Aggregate(c.Prefill, c.Decode, Policy, (s, tokens) => ProfilerCsv.AsPrinted(results[new Bucket(s, tokens)].TotalMs));

    private void File(Bucket bucket, ProfileResult result)
    {
        Cache?.Write(Key(bucket), result,
            $"bucket {bucket}\nmachine {Config.MachineName}\nir {Source.Describe(bucket.Stage, bucket.Tokens)}\nsimulator {SimulatorVersion.Text}");
        Export(bucket, result);
    }

    private void Export(Bucket bucket, ProfileResult result)
    {
        if (ExportPath(bucket) is { } path) AtomicFile.WriteAllText(path, ProfilerCsv.Format(result));
    }
}
