using Sim.Vhk158.Profiling;
using System.Collections.Concurrent;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Runs independent bucket jobs on one pool of workers, largest first, so the long prefill
/// simulations do not end up last on one core. Jobs of several runners (the points of a sweep)
/// share the pool instead of each starting their own.
/// </summary>
public static class BucketScheduler
{
    /// <param name="jobs">the work</param>
    /// <param name="bucketOf">the bucket a job simulates (its size decides the order)</param>
    /// <param name="parallelism">worker count; 0 means one per core</param>
    /// <param name="body">runs one job (on a worker thread)</param>
    public static void Run<T>(IEnumerable<T> jobs, Func<T, Bucket> bucketOf, int parallelism, Action<T> body)
    {
        var work = jobs.OrderByDescending(j => Cost(bucketOf(j))).ToList(); // stable: equal sizes keep their order
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.ForEach(Partitioner.Create(work, EnumerablePartitionerOptions.NoBuffering), options, body);
    }

    /// <summary>A rough relative cost: prefill buckets are about a thousand times a decode bucket of the same L.</summary>
    public static long Cost(Bucket b) => b.Stage == Stage.Prefill ? (long)b.Tokens * 1000 : b.Tokens;
}
