using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Shards;

/// <summary>
/// How many shards a sweep gets on a scheduler. A task that runs 30 s or more keeps the
/// scheduler's ~1.5 s per task (and the process start) under about 5 % of the work, so the
/// estimated total is cut into as many ~30 s tasks as it fills, never fewer than one point each.
/// Shards deal points round-robin, so each gets about the mean cost.
/// </summary>
public static class ShardSizing
{
    public const double MinTaskSeconds = 30;
    public const double SchedulingSecondsPerTask = 1.5;

    /// <param name="pointSeconds">estimated seconds per point</param>
    /// <param name="pointsPerTask">a fixed number of points per task instead of the estimate, or null</param>
    public static int Shards(IReadOnlyList<double> pointSeconds, int? pointsPerTask = null)
    {
        int points = pointSeconds.Count;
        if (points == 0) return 1;
        if (pointsPerTask is { } m)
        {
            if (m < 1) throw new InputException($"--points-per-task must be at least 1, got {m}");
            return (points + m - 1) / m;
        }
        int byTime = (int)Math.Floor(pointSeconds.Sum() / MinTaskSeconds);
        return Math.Clamp(byTime, 1, points);
    }
}
