using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Benchmarks;

/// <summary>
/// The engine workloads measured by <see cref="DesBenchmarks"/> and <see cref="DesQuick"/>.
/// Each returns the number of events the processes yielded (timeouts, puts, gets), which is
/// what "events per second" counts; events served at once count too, as they would in SimSharp.
/// </summary>
public static class DesWorkloads
{
    /// <summary>
    /// Ten processes, each waiting on timeouts of varying length (many ties): queue-bound.
    /// <paramref name="recycled"/> uses <see cref="Simulation.Delay"/> instead of a new
    /// <see cref="Simulation.Timeout"/> object per wait.
    /// </summary>
    public static long Timeouts(int events, bool recycled)
    {
        const int processes = 10;
        var sim = new Simulation();
        for (int p = 0; p < processes; p++)
            sim.Process(recycled ? Delays(sim, p, events / processes) : Ticker(sim, p, events / processes));
        sim.Run();
        return events / processes * processes;

        static IEnumerable<Event> Ticker(Simulation sim, int id, int count)
        {
            for (int i = 0; i < count; i++) yield return sim.Timeout(1 + ((i + id) % 7) * 0.25);
        }

        static IEnumerable<Event> Delays(Simulation sim, int id, int count)
        {
            for (int i = 0; i < count; i++) yield return sim.Delay(1 + ((i + id) % 7) * 0.25);
        }
    }

    /// <summary>A producer and a consumer exchanging items through a bounded store, no time passing.</summary>
    public static long ProducerConsumer(int items)
    {
        var sim = new Simulation();
        var store = new Store<int>(sim, capacity: 16);
        sim.Process(Producer(store, items));
        sim.Process(Consumer(store, items));
        sim.Run();
        return 2L * items;

        static IEnumerable<Event> Producer(Store<int> store, int n)
        {
            for (int i = 0; i < n; i++) yield return store.Put(i);
        }

        static IEnumerable<Event> Consumer(Store<int> store, int n)
        {
            long sum = 0;
            for (int i = 0; i < n; i++)
            {
                var get = store.Get();
                yield return get;
                sum += get.Item;
            }
            if (sum < 0) throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>
    /// Six stages in a chain, like the FPGA model's units: each takes a token from its input store,
    /// is busy for a while (a recycled timeout), and passes the token on. Counts gets, timeouts and puts.
    /// </summary>
    public static long Pipeline(int tokens)
    {
        const int stages = 6;
        var sim = new Simulation();
        var links = new Store<int>[stages + 1];
        for (int s = 0; s <= stages; s++) links[s] = new Store<int>(sim, capacity: 4);
        sim.Process(Source(links[0], tokens));
        for (int s = 0; s < stages; s++) sim.Process(Stage(sim, links[s], links[s + 1], tokens, 1.0 + s * 0.125));
        sim.Process(Sink(links[stages], tokens));
        sim.Run();
        return 2L * tokens + 3L * stages * tokens;

        static IEnumerable<Event> Source(Store<int> output, int n)
        {
            for (int i = 0; i < n; i++) yield return output.Put(i);
        }

        static IEnumerable<Event> Stage(Simulation sim, Store<int> input, Store<int> output, int n, double duration)
        {
            StoreGet<int>? get = null;
            for (int i = 0; i < n; i++)
            {
                get = input.Get(get);
                yield return get;
                yield return sim.Delay(duration);
                yield return output.Put(get.Item);
            }
        }

        static IEnumerable<Event> Sink(Store<int> input, int n)
        {
            StoreGet<int>? get = null;
            for (int i = 0; i < n; i++) yield return get = input.Get(get);
        }
    }

    /// <summary>
    /// Eight processes sharing a two-unit resource: request, hold for a while (a recycled timeout),
    /// release. Counts requests and timeouts (a queued request's grant is its event).
    /// </summary>
    public static long SharedResource(int uses)
    {
        const int processes = 8;
        var sim = new Simulation();
        var server = new Resource(sim, capacity: 2);
        for (int p = 0; p < processes; p++) sim.Process(User(sim, server, p, uses / processes));
        sim.Run();
        return 2L * (uses / processes) * processes;

        static IEnumerable<Event> User(Simulation sim, Resource server, int id, int count)
        {
            for (int i = 0; i < count; i++)
            {
                var request = server.Request();
                yield return request;
                yield return sim.Delay(1 + ((i + id) % 5) * 0.25);
                server.Release(request);
            }
        }
    }
}
