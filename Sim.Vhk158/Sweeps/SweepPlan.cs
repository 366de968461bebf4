using System.Collections.Concurrent;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Sweeps;

/// <summary>The points of a sweep, prepared: each with its pipeline and buckets, or the error that rules it out.</summary>
public sealed class SweepPlan
{
    internal SweepPlan(IReadOnlyList<FpgaCase> cases, IReadOnlyList<PlannedPoint> points)
    {
        Cases = cases;
        Points = points;
    }

    public IReadOnlyList<FpgaCase> Cases { get; }
    internal IReadOnlyList<PlannedPoint> Points { get; }

    /// <summary>The bucket simulations (or cache lookups) the valid points need in all.</summary>
    public int TotalBuckets => Points.Sum(p => p.Buckets.Count);

    internal sealed class PlannedPoint(SweepPoint point, SimulationPipeline? pipeline, IReadOnlyList<Bucket> buckets, string? error)
    {
        private string? _error = error;
        public SweepPoint Point { get; } = point;
        public SimulationPipeline? Pipeline { get; } = pipeline;
        public IReadOnlyList<Bucket> Buckets { get; } = buckets;
        public ConcurrentDictionary<Bucket, ProfileResult> Results { get; } = new();
        public string? Error => Volatile.Read(ref _error);

        /// <summary>Records the point's first failure; later buckets of the point are skipped.</summary>
        public void Fail(string message) => Interlocked.CompareExchange(ref _error, message, null);
    }
}
