using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>Events are processed by time, then priority, then insertion order.</summary>
public class OrderingTests
{
    [Fact]
    public void EarlierTimeFirstRegardlessOfInsertion()
    {
        var sim = new Simulation();
        var log = new List<string>();
        sim.Timeout(3).AddCallback(_ => log.Add("c"));
        sim.Timeout(1).AddCallback(_ => log.Add("a"));
        sim.Timeout(2).AddCallback(_ => log.Add("b"));
        sim.Run();
        Assert.Equal(["a", "b", "c"], log);
    }

    [Fact]
    public void SameTimeLowerPriorityFirst()
    {
        var sim = new Simulation();
        var log = new List<string>();
        sim.Timeout(5, priority: 2).AddCallback(_ => log.Add("p2"));
        sim.Timeout(5, priority: -1).AddCallback(_ => log.Add("p-1"));
        sim.Timeout(5, priority: 0).AddCallback(_ => log.Add("p0"));
        sim.Run();
        Assert.Equal(["p-1", "p0", "p2"], log);
    }

    [Fact]
    public void SameTimeAndPriorityInInsertionOrder()
    {
        var sim = new Simulation();
        var log = new List<int>();
        // Many entries so the heap reorders internally; insertion order must still win.
        for (int i = 0; i < 200; i++)
        {
            int id = i;
            sim.Timeout(1, priority: 0).AddCallback(_ => log.Add(id));
        }
        sim.Run();
        Assert.Equal(Enumerable.Range(0, 200), log);
    }

    [Fact]
    public void MixedKeysSortLexicographically()
    {
        var sim = new Simulation();
        var log = new List<(double Time, int Priority, int Seq)>();
        var rng = new Random(7);
        for (int seq = 0; seq < 500; seq++)
        {
            double t = rng.Next(0, 5);
            int p = rng.Next(-2, 3);
            var key = (t, p, seq);
            sim.Timeout(t, p).AddCallback(_ => log.Add(key));
        }
        sim.Run();
        var expected = log.OrderBy(k => k.Time).ThenBy(k => k.Priority).ThenBy(k => k.Seq).ToList();
        Assert.Equal(500, log.Count);
        Assert.Equal(expected, log);
    }

    [Fact]
    public void TriggeredEventsAtTheSameTimeFollowInsertionOrder()
    {
        var sim = new Simulation();
        var log = new List<string>();
        var first = sim.Event();
        var second = sim.Event();
        sim.Process(Waiter(first, "first", log));
        sim.Process(Waiter(second, "second", log));
        sim.Process(Trigger(sim, second, first));
        sim.Run();
        Assert.Equal(["second", "first"], log);

        static IEnumerable<Event> Waiter(Event ev, string name, List<string> log)
        {
            yield return ev;
            log.Add(name);
        }

        static IEnumerable<Event> Trigger(Simulation sim, Event a, Event b)
        {
            yield return sim.Timeout(1);
            a.Succeed();
            b.Succeed();
        }
    }

    [Fact]
    public void ProcessesStartInCreationOrder()
    {
        var sim = new Simulation();
        var log = new List<int>();
        for (int i = 0; i < 5; i++) sim.Process(Log(i, log));
        sim.Run();
        Assert.Equal([0, 1, 2, 3, 4], log);

        static IEnumerable<Event> Log(int id, List<int> log)
        {
            log.Add(id);
            yield break;
        }
    }

    [Fact]
    public void PriorityOutOfRangeIsRejected()
    {
        var sim = new Simulation();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Timeout(1, Simulation.MaxPriority + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Event().Succeed(null, -Simulation.MaxPriority - 1));
    }
}
