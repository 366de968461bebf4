using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Sweeps.Shards;

/// <summary>
/// A rough price of one bucket on one core, for sizing Slurm tasks (not a benchmark): a fixed
/// part (compiling, setting the machine up) plus a part per token of the bucket's context.
/// Measured with the reference machine on a 2-core laptop-class machine; the detailed machine
/// models cost more, so tasks come out at least as long as planned.
/// </summary>
public static class BucketCost
{
    public const double CachedSeconds = 0.01;
    // Measured at this commit, one core: prefill 512 about 3.7 s, a decode bucket 15-25 ms.
    private const double FixedSeconds = 0.02;
    private const double PrefillSecondsPerToken = 0.007;
    private const double DecodeSecondsPerToken = 0.00002;

    public static double Seconds(Bucket b) =>
        FixedSeconds + b.Tokens * (b.Stage == Stage.Prefill ? PrefillSecondsPerToken : DecodeSecondsPerToken);
}
