using System.Collections.Concurrent;
using Sim.Core.IO;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Profiles many buckets, in parallel across cores (each bucket is an independent simulation).
/// With an output folder, each bucket's CSV goes atomically into <c>{outputDir}/profiler_output/</c>
/// with its cache key beside it, and a CSV whose key still matches is reused instead of simulated
/// (<see cref="ProfileCache"/>).
/// </summary>
public sealed class BucketRunner
{
    private readonly FpgaProfiler _profiler;
    private readonly IWorkloadSource _source;
    private readonly ProfileCache? _cache;
    private readonly ProfileKey? _keys;

    public BucketRunner(FpgaProfiler profiler, IWorkloadSource source, string? outputDir)
    {
        _profiler = profiler;
        _source = source;
        if (outputDir is not null)
        {
            _cache = new ProfileCache(Path.Combine(outputDir, "profiler_output"));
            _keys = new ProfileKey(profiler.Config, source);
        }
    }

    /// <summary>Whether matching cached CSVs are reused; when false every bucket is simulated (and its CSV and key still written).</summary>
    public bool ReuseCache { get; init; } = true;

    /// <summary>The cache of the output folder (null without one), with its hit and miss counts.</summary>
    public ProfileCache? Cache => _cache;

    /// <summary>Path of a bucket's CSV under the output folder.</summary>
    public static string CsvPath(string outputDir, string prefix, Bucket b) =>
        Path.Combine(outputDir, "profiler_output", ProfilerCsv.FileName(prefix, b.Stage, b.Tokens));

    /// <summary>Runs one bucket and writes its per-instruction trace CSV (atomically) beside the profile. Never cached.</summary>
    public ProfileResult RunTraced(Bucket bucket, string tracePath)
    {
        var key = _keys?.For(bucket);
        var program = _source.Load(bucket.Stage, bucket.Tokens);
        ProfileResult? result = null;
        AtomicFile.Write(tracePath, stream =>
        {
            using var trace = new Hardware.CsvInstructionTrace(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16));
            result = _profiler.Profile(program, _source.Masks, _source.Describe(bucket.Stage, bucket.Tokens), trace);
        });
        _cache?.Write(_source.Prefix, bucket, key!, result!);
        return result!;
    }

    /// <summary>One bucket: from the cache when its key matches (and reuse is on), else simulated and written.</summary>
    public BucketDone RunOne(Bucket bucket)
    {
        var key = _keys?.For(bucket);
        if (key is not null && ReuseCache && _cache!.TryRead(_source.Prefix, bucket, key) is { } cached)
            return new BucketDone(bucket, cached, Cached: true);
        var program = _source.Load(bucket.Stage, bucket.Tokens);
        var result = _profiler.Profile(program, _source.Masks, _source.Describe(bucket.Stage, bucket.Tokens));
        _cache?.Write(_source.Prefix, bucket, key!, result);
        return new BucketDone(bucket, result, Cached: false);
    }

    /// <param name="buckets">the buckets to run (duplicates are run once)</param>
    /// <param name="parallelism">worker count; 0 means one per core</param>
    /// <param name="done">called after each bucket (from worker threads)</param>
    public IReadOnlyDictionary<Bucket, ProfileResult> Run(IEnumerable<Bucket> buckets, int parallelism = 0, Action<BucketDone>? done = null)
    {
        var results = new ConcurrentDictionary<Bucket, ProfileResult>();
        BucketScheduler.Run(buckets.Distinct(), b => b, parallelism, bucket =>
        {
            var outcome = RunOne(bucket);
            results[bucket] = outcome.Result;
            done?.Invoke(outcome);
        });
        return results;
    }
}
