using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>Small queueing models whose answers are known in closed form.</summary>
public class QueueingModelTests
{
    [Fact]
    public void DeterministicOverloadedQueueMatchesTheExactAnswer()
    {
        // D/D/1: arrivals every 2, service 3. Customer k arrives at 2k and leaves at 3(k+1),
        // so its time in system is exactly k + 3.
        var sim = new Simulation();
        var server = new Resource(sim);
        var times = new double[50];
        sim.Process(Arrivals());
        sim.Run();
        for (int k = 0; k < times.Length; k++) Assert.Equal(k + 3.0, times[k]);
        Assert.Equal(150.0, sim.Now);

        IEnumerable<Event> Arrivals()
        {
            for (int k = 0; k < times.Length; k++)
            {
                sim.Process(Customer(k));
                yield return sim.Timeout(2);
            }
        }

        IEnumerable<Event> Customer(int k)
        {
            double arrived = sim.Now;
            using var request = server.Request();
            yield return request;
            yield return sim.Timeout(3);
            times[k] = sim.Now - arrived;
        }
    }

    [Fact]
    public void MM1MeanTimeInSystemIsOneOverMuMinusLambda()
    {
        // M/M/1 with lambda = 0.5, mu = 1: W = 1 / (mu - lambda) = 2. Store-based: a generator
        // puts customers (their arrival times) into a queue, one server takes them in order.
        const double lambda = 0.5, mu = 1.0;
        const int customers = 200_000;
        var sim = new Simulation();
        var queue = new Store<double>(sim);
        var rng = new Random(2024);
        double total = 0;
        int served = 0;
        sim.Process(Generator());
        sim.Process(Server());
        sim.Run();

        Assert.Equal(customers, served);
        double mean = total / customers;
        // Standard error of the mean here is about 0.02 (autocorrelated sojourn times); 5 % is ~5 sigma.
        Assert.InRange(mean, 2.0 * 0.95, 2.0 * 1.05);

        double Exp(double rate) => -Math.Log(1 - rng.NextDouble()) / rate;

        IEnumerable<Event> Generator()
        {
            for (int i = 0; i < customers; i++)
            {
                yield return sim.Timeout(Exp(lambda));
                yield return queue.Put(sim.Now);
            }
        }

        IEnumerable<Event> Server()
        {
            for (int i = 0; i < customers; i++)
            {
                var get = queue.Get();
                yield return get;
                yield return sim.Timeout(Exp(mu));
                total += sim.Now - get.Item;
                served++;
            }
        }
    }
}
