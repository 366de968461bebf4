using System.Collections.Concurrent;
using Sim.Core.IO;
using Sim.Vhk158.Ir;
using Sim.Vhk158.Workloads;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Profiles many buckets, in parallel across cores (each bucket is an independent simulation),
/// and writes each one's CSV atomically into <c>{outputDir}/profiler_output/</c> when asked to.
/// </summary>
public sealed class BucketRunner
{
    private readonly FpgaProfiler _profiler;
    private readonly IWorkloadSource _source;
    private readonly string? _outputDir;

    public BucketRunner(FpgaProfiler profiler, IWorkloadSource source, string? outputDir)
    {
        _profiler = profiler;
        _source = source;
        _outputDir = outputDir;
    }

    /// <summary>Path of a bucket's CSV under the output folder.</summary>
    public static string CsvPath(string outputDir, string prefix, Bucket b) =>
        Path.Combine(outputDir, "profiler_output", ProfilerCsv.FileName(prefix, b.Stage, b.Tokens));

    /// <summary>Runs one bucket and writes its per-instruction trace CSV (atomically) beside the profile.</summary>
    public ProfileResult RunTraced(Bucket bucket, string tracePath)
    {
        var program = _source.Load(bucket.Stage, bucket.Tokens);
        ProfileResult? result = null;
        AtomicFile.Write(tracePath, stream =>
        {
            using var trace = new Hardware.CsvInstructionTrace(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16));
            result = _profiler.Profile(program, _source.Masks, _source.Describe(bucket.Stage, bucket.Tokens), trace);
        });
        if (_outputDir is not null)
            AtomicFile.WriteAllText(CsvPath(_outputDir, _source.Prefix, bucket), ProfilerCsv.Format(result!));
        return result!;
    }

    /// <param name="buckets">the buckets to run (duplicates are run once)</param>
    /// <param name="parallelism">worker count; 0 means one per core</param>
    /// <param name="done">called after each bucket (from worker threads)</param>
    public IReadOnlyDictionary<Bucket, ProfileResult> Run(IEnumerable<Bucket> buckets, int parallelism = 0, Action<Bucket, ProfileResult>? done = null)
    {
        // Largest first, so the long prefill simulations do not end up last on one core.
        var work = buckets.Distinct()
            .OrderByDescending(b => b.Stage == Stage.Prefill ? (long)b.Tokens * 1000 : b.Tokens)
            .ToList();
        var results = new ConcurrentDictionary<Bucket, ProfileResult>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        var partitioner = System.Collections.Concurrent.Partitioner.Create(work, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitioner, options, bucket =>
        {
            var program = _source.Load(bucket.Stage, bucket.Tokens);
            var result = _profiler.Profile(program, _source.Masks, _source.Describe(bucket.Stage, bucket.Tokens));
            if (_outputDir is not null)
                AtomicFile.WriteAllText(CsvPath(_outputDir, _source.Prefix, bucket), ProfilerCsv.Format(result));
            results[bucket] = result;
            done?.Invoke(bucket, result);
        });
        return results;
    }
}
