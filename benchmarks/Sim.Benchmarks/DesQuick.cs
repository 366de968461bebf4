using System.Diagnostics;

namespace Sim.Benchmarks;

/// <summary>
/// A quick stopwatch measurement of the engine workloads (the <c>des-quick</c> argument):
/// one warm-up, then the best of five runs, printed as events per second.
/// </summary>
public static class DesQuick
{
    public static void Run()
    {
        Measure("timeouts", () => DesWorkloads.Timeouts(2_000_000));
        Measure("producer-consumer", () => DesWorkloads.ProducerConsumer(1_000_000));
        Measure("pipeline-6", () => DesWorkloads.Pipeline(100_000));
    }

    private static void Measure(string name, Func<long> workload)
    {
        workload(); // warm-up: JIT tiers, array growth
        double best = double.MaxValue;
        long events = 0;
        for (int rep = 0; rep < 5; rep++)
        {
            var watch = Stopwatch.StartNew();
            events = workload();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{name,-20} {events,12:N0} events  {best * 1e3,8:F1} ms  {events / best / 1e6,7:F2} M events/s");
    }
}
