using Sim.Core.Analysis;
using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests.Analysis;

/// <summary>Resource monitors on scenarios small enough to work out by hand.</summary>
public class ResourceMonitorTests
{
    // One server. A arrives at 0 (service 3), B at 1 (2), C at 2 (1), D at 8 (2):
    // A 0-3, B waits 1-3 and runs 3-5, C waits 2-5 and runs 5-6, idle 6-8, D 8-10.
    private static readonly (string Name, double At, double Service)[] Jobs = [("A", 0, 3), ("B", 1, 2), ("C", 2, 1), ("D", 8, 2)];

    [Fact]
    public void ResourceMonitorMeasuresUtilizationQueueAndWaits()
    {
        var sim = new Simulation();
        var server = new Resource(sim, name: "srv") { Monitor = new ResourceMonitor(recordIntervals: true) };
        foreach (var job in Jobs) sim.Process(Job(sim, server, job.Name, job.At, job.Service));
        sim.Run();
        var m = server.Monitor;

        Assert.Equal(10.0, sim.Now);
        Assert.Equal(0.8, m.Utilization, 12);            // busy 8 of 10
        Assert.Equal(8.0, m.Level.Integral, 12);
        Assert.Equal(1.0, m.Level.Max);
        Assert.Equal(0.5, m.QueueLength.Mean, 12);       // 1 on [1,2), 2 on [2,3), 1 on [3,5): 5 / 10
        Assert.Equal(2.0, m.QueueLength.Max);
        Assert.Equal(4, m.WaitingTime.Count);            // waits 0, 2, 3, 0
        Assert.Equal(1.25, m.WaitingTime.Mean, 12);
        Assert.Equal(3.0, m.WaitingTime.Max);
        Assert.Equal(0.0, m.WaitingTime.Min);
        Assert.Equal(0.0, m.GetQueueLength.Max);         // releases never wait
        Assert.Equal(
            [new BusyInterval(0, 5, "srv"), new BusyInterval(5, 6, "C"), new BusyInterval(8, 10, "srv")],
            m.Intervals); // A and B back to back under the resource's name merge; C is labelled
    }

    [Fact]
    public void MonitorAttachedMidRunCountsFromThen()
    {
        var sim = new Simulation();
        var server = new Resource(sim);
        foreach (var job in Jobs) sim.Process(Job(sim, server, job.Name, job.At, job.Service));
        sim.Run(until: 4);
        var m = new ResourceMonitor();
        server.Monitor = m;
        sim.Run();

        // From 4 to 10: busy 4-6 and 8-10; C waits on [4,5); waits counted: C (3) and D (0).
        Assert.Equal(4.0, m.Level.StartTime);
        Assert.Equal(4.0 / 6.0, m.Utilization, 12);
        Assert.Equal(1.0 / 6.0, m.QueueLength.Mean, 12);
        Assert.Equal(2, m.WaitingTime.Count);
        Assert.Equal(1.5, m.WaitingTime.Mean, 12);
        Assert.Empty(m.Intervals); // not asked to record them
        Assert.Throws<InvalidOperationException>(() => new Resource(sim) { Monitor = m }); // one resource per monitor
    }

    [Fact]
    public void StoreMonitorMeasuresItemsAndBothQueues()
    {
        // Capacity 1. Put A at 0; put B at 0 waits (full); get at 2 takes A, B enters (waited 2);
        // get at 3 takes B; get at 3 waits (empty); put C at 6 goes to that getter (waited 3).
        var sim = new Simulation();
        var store = new Store<string>(sim, capacity: 1) { Monitor = new ResourceMonitor() };
        sim.Process(Producer());
        sim.Process(Consumer());
        sim.Run();
        var m = store.Monitor;

        Assert.Equal(6.0, sim.Now);
        Assert.Equal(0.5, m.Level.Mean, 12);        // one item on [0,3)
        Assert.Equal(0.5, m.Utilization, 12);
        Assert.Equal(1.0 / 3.0, m.QueueLength.Mean, 12);  // a putter on [0,2)
        Assert.Equal(0.5, m.GetQueueLength.Mean, 12);     // a getter on [3,6)
        Assert.Equal((3, 2.0), (m.WaitingTime.Count, m.WaitingTime.Max)); // puts waited 0, 2, 0
        Assert.Equal(2.0 / 3.0, m.WaitingTime.Mean, 12);
        Assert.Equal((3, 1.0, 3.0), (m.GetWaitingTime.Count, m.GetWaitingTime.Mean, m.GetWaitingTime.Max)); // gets waited 0, 0, 3

        IEnumerable<Event> Producer()
        {
            yield return store.Put("A");
            yield return store.Put("B");
            yield return sim.Timeout(4);
            yield return store.Put("C");
        }

        IEnumerable<Event> Consumer()
        {
            yield return sim.Timeout(2);
            yield return store.Get();
            yield return sim.Timeout(1);
            yield return store.Get();
            yield return store.Get();
        }
    }

    [Fact]
    public void ContainerMonitorFollowsTheLevel()
    {
        // Capacity 10. Get 4 at 0 waits; put 3 at 1; put 5 at 2 (level 8, the get takes 4 at once).
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10) { Monitor = new ResourceMonitor() };
        sim.Process(Consumer());
        sim.Process(Producer());
        sim.Run(until: 5);
        var m = tank.Monitor;

        Assert.Equal(3.0, m.Level.Mean, 12);         // 0 on [0,1), 3 on [1,2), 4 on [2,5): 15 / 5
        Assert.Equal(4.0, m.Level.Max);             // the 8 lasted no time: the get was served in the same step
        Assert.Equal(0.3, m.Utilization, 12);
        Assert.Equal(0.4, m.GetQueueLength.Mean, 12);
        Assert.Equal((1, 2.0), (m.GetWaitingTime.Count, m.GetWaitingTime.Mean));
        Assert.Equal((2, 0.0), (m.WaitingTime.Count, m.WaitingTime.Max));

        IEnumerable<Event> Consumer()
        {
            yield return tank.Get(4);
        }

        IEnumerable<Event> Producer()
        {
            yield return sim.Timeout(1);
            yield return tank.Put(3);
            yield return sim.Timeout(1);
            yield return tank.Put(5);
        }
    }

    [Fact]
    public void UnattachedMonitorRefusesTimeWeightedReadings()
    {
        var m = new ResourceMonitor();
        Assert.Throws<InvalidOperationException>(() => m.Level);
        Assert.Equal(0, m.WaitingTime.Count);
    }

    private static IEnumerable<Event> Job(Simulation sim, Resource server, string name, double at, double service)
    {
        yield return sim.Timeout(at);
        using var request = server.Request(name == "C" ? "C" : null);
        yield return request;
        yield return sim.Timeout(service);
    }
}
