using System.Diagnostics;

namespace Sim.Benchmarks;

/// <summary>
/// A quick stopwatch measurement of the engine workloads (the <c>des-quick</c> argument):
/// one warm-up, then the best of five runs, printed as events per second of wall-clock time and
/// of process CPU time (the latter is steadier on a machine shared with other work).
/// </summary>
public static class DesQuick
{
    public static void Run()
    {
        Measure("timeouts", () => DesWorkloads.Timeouts(10_000_000, recycled: false));
        Measure("delays (recycled)", () => DesWorkloads.Timeouts(10_000_000, recycled: true));
        Measure("producer-consumer", () => DesWorkloads.ProducerConsumer(5_000_000));
        Measure("pipeline-6", () => DesWorkloads.Pipeline(500_000));
        Measure("shared-resource", () => DesWorkloads.SharedResource(2_000_000));
    }

    private static void Measure(string name, Func<long> workload)
    {
        workload(); // warm-up: JIT tiers, array growth
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        long events = 0;
        var process = Process.GetCurrentProcess();
        for (int rep = 0; rep < 5; rep++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            events = workload();
            double wall = watch.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpu);
        }
        Console.WriteLine(
            $"{name,-18} {events,10:N0} events  wall {bestWall * 1e3,7:F1} ms = {events / bestWall / 1e6,6:F2} M events/s" +
            $"  | cpu {bestCpu * 1e3,7:F1} ms = {events / bestCpu / 1e6,6:F2} M events/s");
    }
}
