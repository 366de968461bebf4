using System.Diagnostics;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// How fast two configs simulate the same buckets, measured side by side in one process: bucket by
/// bucket on one thread, the two configs alternating which goes first, so load on the machine and
/// warm-up fall on both alike and their ratio is fair. Each side is from scratch (no cache) and
/// shares compiled groups only within itself, as a run of that config alone would. Before the
/// clocks start, a small bucket runs once on throw-away pipelines of both configs, so the JIT's
/// first compilation of shared code is charged to neither. A benchmark, not a test.
/// </summary>
public static class SideBySideBench
{
    /// <summary>What one config took over all buckets: wall and CPU seconds (the process's, so GC threads count), events and instructions simulated.</summary>
    public sealed record Side(int Buckets, long Instructions, long Events, double WallSeconds, double CpuSeconds, double TotalMs)
    {
        public double EventsPerSecond => Events / Math.Max(WallSeconds, 1e-9);
    }

    /// <param name="done">called after each bucket of each side (0 = <paramref name="a"/>, 1 = <paramref name="b"/>)</param>
    /// <param name="makeA">makes a pipeline of the first config, without a cache (called twice: warm-up and the measured run)</param>
    public static (Side A, Side B) Run(Func<SimulationPipeline> makeA, Func<SimulationPipeline> makeB, IReadOnlyList<Bucket> buckets, Action<int, Bucket, double>? done = null)
    {
        var warmUp = new Bucket(Workloads.Ir.Stage.Decode, 16);
        makeA().Profile(warmUp);
        makeB().Profile(warmUp);
        var sides = new[] { makeA(), makeB() };
        if (sides.Any(s => s.Cache is not null)) throw new ArgumentException("a side-by-side benchmark runs from scratch: give pipelines without a cache");
        var wall = new double[2];
        var cpu = new double[2];
        var events = new long[2];
        var instructions = new long[2];
        var total = new double[2];
        using var self = Process.GetCurrentProcess();
        double Cpu()
        {
            self.Refresh();
            return self.TotalProcessorTime.TotalSeconds;
        }
        for (int k = 0; k < buckets.Count; k++)
        {
            for (int turn = 0; turn < 2; turn++)
            {
                int side = (k + turn) % 2; // a first on even buckets, b first on odd ones
                double cpu0 = Cpu();
                long t0 = Stopwatch.GetTimestamp();
                var result = sides[side].Profile(buckets[k]).Result;
                double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                cpu[side] += Cpu() - cpu0;
                wall[side] += seconds;
                events[side] += result.Events;
                instructions[side] += result.TotalCount;
                total[side] += result.TotalMs;
                done?.Invoke(side, buckets[k], seconds);
            }
        }
        Side Of(int s) => new(buckets.Count, instructions[s], events[s], wall[s], cpu[s], total[s]);
        return (Of(0), Of(1));
    }
}
