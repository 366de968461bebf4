using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Sweeps;

/// <summary>
/// Runs what-if sweeps: each point is the base config with the point's keys set
/// (<see cref="HardwareConfigLoader.WithOverrides"/>), and all points' buckets share one pool of
/// workers. A point the config rules reject, or whose compilation fails on bad input, is kept
/// with its error and the others go on. Every point reads and fills the one content-addressed
/// cache, so points share what earlier runs (of any verb) simulated.
/// </summary>
public sealed class SweepRunner
{
    private readonly HardwareConfig _base;
    private readonly Func<HardwareConfig, IWorkloadSource> _sourceFor;
    private readonly ProfileCache? _cache;

    /// <param name="baseConfig">the config the points change</param>
    /// <param name="sourceFor">the IR and masks for a point's config (synthetic masks depend on it)</param>
    /// <param name="cache">the cache every point reads and fills, or null for none</param>
    public SweepRunner(HardwareConfig baseConfig, Func<HardwareConfig, IWorkloadSource> sourceFor, ProfileCache? cache)
    {
        _base = baseConfig;
        _sourceFor = sourceFor;
        _cache = cache;
    }

    public bool ReuseCache { get; init; } = true;
    public BucketPolicy Policy { get; init; } = BucketPolicy.Reference;

    /// <summary>Builds each point's config, runner and bucket list; invalid points keep their error.</summary>
    public SweepPlan Plan(IReadOnlyList<SweepPoint> points, IReadOnlyList<FpgaCase> cases)
    {
        var planned = points.Select(point =>
        {
            try
            {
                var config = HardwareConfigLoader.WithOverrides(_base, point.Settings);
                var pipeline = new SimulationPipeline(config, _sourceFor(config), _cache) { ReuseCache = ReuseCache, Policy = Policy };
                return new SweepPlan.PlannedPoint(point, pipeline, pipeline.BucketsFor(cases), null);
            }
            catch (InputException e)
            {
                return new SweepPlan.PlannedPoint(point, null, [], e.Message);
            }
        }).ToList();
        return new SweepPlan(cases, planned);
    }

    /// <param name="plan">from <see cref="Plan"/></param>
    /// <param name="parallelism">worker count for all points together; 0 means one per core</param>
    /// <param name="done">called after each bucket (from worker threads)</param>
    /// <param name="within">optional: progress inside each simulated bucket (point, bucket, share so far), from worker threads</param>
    public IReadOnlyList<SweepOutcome> Run(SweepPlan plan, int parallelism = 0, Action<SweepPoint, BucketDone>? done = null,
                                          Action<SweepPoint, Bucket, double>? within = null)
    {
        var jobs = plan.Points.Where(p => p.Error is null).SelectMany(p => p.Buckets.Select(b => (Point: p, Bucket: b)));
        BucketScheduler.Run(jobs, j => j.Bucket, parallelism, job =>
        {
            var p = job.Point;
            if (p.Error is not null) return; // an earlier bucket of this point failed
            try
            {
                var outcome = p.Pipeline!.Profile(job.Bucket, within is null ? null : LayerProgress.To(share => within(p.Point, job.Bucket, share)));
                p.Results[job.Bucket] = outcome.Result;
                done?.Invoke(p.Point, outcome);
            }
            catch (InputException e)
            {
                p.Fail(e.Message);
            }
        });
        return plan.Points.Select(p => p.Error is not null
            ? new SweepOutcome(p.Point, null, p.Error)
            : new SweepOutcome(p.Point, plan.Cases.Select(c => CaseBreakdown.Of(c, p.Pipeline!.Policy, p.Results)).ToList(), null, p.Pipeline!.Config)).ToList();
    }
}
