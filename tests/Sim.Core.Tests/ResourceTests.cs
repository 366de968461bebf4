using Sim.Core.Analysis;
using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>Resources: capacity, FIFO queueing, release and withdrawal.</summary>
public class ResourceTests
{
    [Fact]
    public void CapacityLimitsConcurrentUsersAndQueueIsFifo()
    {
        var sim = new Simulation();
        var machine = new Resource(sim, capacity: 2);
        var starts = new Dictionary<string, double>();
        int maxInUse = 0;
        foreach (var (name, arrive) in new[] { ("a", 0.0), ("b", 0.0), ("c", 1.0), ("d", 2.0), ("e", 2.0) })
            sim.Process(Job(name, arrive));
        sim.Run();

        // Service 10 each, two units: a,b at 0; c,d at 10 (c queued first); e at 20.
        Assert.Equal(0.0, starts["a"]);
        Assert.Equal(0.0, starts["b"]);
        Assert.Equal(10.0, starts["c"]);
        Assert.Equal(10.0, starts["d"]);
        Assert.Equal(20.0, starts["e"]);
        Assert.Equal(2, maxInUse);
        Assert.Equal(0, machine.InUse);

        IEnumerable<Event> Job(string name, double arrive)
        {
            yield return sim.Timeout(arrive);
            using var request = machine.Request();
            yield return request;
            starts[name] = sim.Now;
            maxInUse = Math.Max(maxInUse, machine.InUse);
            yield return sim.Timeout(10);
        }
    }

    [Fact]
    public void WithdrawnRequestIsSkipped()
    {
        var sim = new Simulation();
        var machine = new Resource(sim);
        var log = new List<string>();
        sim.Process(Holder());
        sim.Process(Impatient());
        sim.Process(Patient());
        sim.Run();
        Assert.Equal(["impatient gave up at 2", "patient got it at 5"], log);

        IEnumerable<Event> Holder()
        {
            using var req = machine.Request();
            yield return req;
            yield return sim.Timeout(5);
        }

        IEnumerable<Event> Impatient()
        {
            var req = machine.Request();
            var giveUp = sim.Timeout(2);
            yield return sim.AnyOf(req, giveUp);
            Assert.False(req.IsTriggered);
            machine.Release(req);
            Assert.Equal(1, machine.QueueLength);
            log.Add($"impatient gave up at {sim.Now}");
        }

        IEnumerable<Event> Patient()
        {
            yield return sim.Timeout(1);
            using var req = machine.Request();
            yield return req;
            log.Add($"patient got it at {sim.Now}");
        }
    }

    [Fact]
    public void ReleasingTwiceDoesNothingAndForeignRequestsAreRejected()
    {
        var sim = new Simulation();
        var a = new Resource(sim, 1);
        var b = new Resource(sim, 1);
        var req = a.Request();
        Assert.True(req.IsTriggered);
        Assert.Equal(1, a.InUse);
        a.Release(req);
        a.Release(req);
        Assert.Equal(0, a.InUse);
        Assert.Throws<ArgumentException>(() => b.Release(req));
    }

    [Fact]
    public void MonitorRecordsGrantToReleaseSpans()
    {
        var sim = new Simulation();
        var machine = new Resource(sim, name: "mm") { Monitor = new ResourceMonitor(recordIntervals: true) };
        sim.Process(Use(1, 3, "load"));
        sim.Process(Use(2, 2, null));
        sim.Run();
        // First use 1..4 ("load"), second queued from 2 and served 4..6 (resource name).
        Assert.Equal([new BusyInterval(1, 4, "load"), new BusyInterval(4, 6, "mm")], machine.Monitor.Intervals);

        IEnumerable<Event> Use(double at, double duration, string? label)
        {
            yield return sim.Timeout(at);
            using var req = machine.Request(label);
            yield return req;
            yield return sim.Timeout(duration);
        }
    }
}
