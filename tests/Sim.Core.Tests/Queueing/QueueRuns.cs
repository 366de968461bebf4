using Sim.Core.Analysis;
using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests.Queueing;

/// <summary>What a single-server queue run measured: per class, the mean wait in queue and the mean time in system.</summary>
internal sealed record QueueRun(ResourceMonitor Monitor, double Duration, double[] MeanWait, double[] MeanSojourn, long[] Served);

/// <summary>
/// Single-server queues with Poisson arrivals, simulated on Sim.Core resources, for the tests
/// that compare against queueing theory. Service times are drawn at arrival from one seeded
/// generator, so a run is a pure function of its arguments.
/// </summary>
internal static class QueueRuns
{
    /// <summary>
    /// Customer classes arrive as independent Poisson streams (<paramref name="rates"/>, class k has
    /// priority k, lower first) at one server; <paramref name="service"/> draws a service time.
    /// <paramref name="kind"/> picks a FIFO <see cref="Resource"/>, a non-preemptive
    /// <see cref="PriorityResource"/> or a preemptive-resume <see cref="PreemptiveResource"/>.
    /// </summary>
    public static QueueRun Run(int seed, int customers, double[] rates, Func<Random, double> service, ServerKind kind)
    {
        var sim = new Simulation();
        var rng = new Random(seed);
        Resource server = kind switch
        {
            ServerKind.Fifo => new Resource(sim, name: "server"),
            ServerKind.Priority => new PriorityResource(sim, name: "server"),
            _ => new PreemptiveResource(sim, name: "server"),
        };
        var monitor = new ResourceMonitor();
        server.Monitor = monitor;
        int classes = rates.Length;
        var waitSum = new double[classes];
        var sojournSum = new double[classes];
        var served = new long[classes];
        double totalRate = rates.Sum();
        sim.Process(Source());
        sim.Run();
        return new QueueRun(
            monitor, sim.Now,
            [.. waitSum.Select((s, k) => s / served[k])],
            [.. sojournSum.Select((s, k) => s / served[k])],
            served);

        // One merged Poisson stream, each arrival of class k with probability rate_k / total.
        IEnumerable<Event> Source()
        {
            for (int i = 0; i < customers; i++)
            {
                yield return sim.Timeout(-Math.Log(1 - rng.NextDouble()) / totalRate);
                double u = rng.NextDouble() * totalRate;
                int k = 0;
                while (k < classes - 1 && u >= rates[k]) u -= rates[k++];
                sim.Process(Customer(k, service(rng)));
            }
        }

        IEnumerable<Event> Customer(int k, double work)
        {
            double arrived = sim.Now, waited = 0;
            while (true)
            {
                double asked = sim.Now;
                using var request = server switch
                {
                    PreemptiveResource p => p.Request(k, preempt: true),
                    PriorityResource p => p.Request(k),
                    _ => server.Request(),
                };
                yield return request;
                waited += sim.Now - asked;
                double started = sim.Now;
                yield return sim.Timeout(work);
                if (sim.ActiveProcess.HandleInterrupt() is null) break;
                work -= sim.Now - started; // preempted: resume the rest later
            }
            waitSum[k] += waited;
            sojournSum[k] += sim.Now - arrived;
            served[k]++;
        }
    }

    public static double Exponential(Random rng, double rate) => -Math.Log(1 - rng.NextDouble()) / rate;
}

/// <summary>The server discipline of a <see cref="QueueRuns"/> run.</summary>
internal enum ServerKind
{
    Fifo,
    Priority,
    PreemptiveResume,
}
