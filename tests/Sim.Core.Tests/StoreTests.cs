using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>FIFO stores: blocking, wake-up order and synchronous continuation.</summary>
public class StoreTests
{
    [Fact]
    public void UnboundedStoreKeepsItemOrder()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var got = new List<int>();
        sim.Process(PutAll(store, [5, 3, 9, 1]));
        sim.Process(GetAll(store, 4, got));
        sim.Run();
        Assert.Equal([5, 3, 9, 1], got);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void GetBlocksUntilAPutAndResumesAtThePutTime()
    {
        var sim = new Simulation();
        var store = new Store<string>(sim);
        double resumedAt = -1;
        string? item = null;
        sim.Process(Consumer());
        sim.Process(Producer());
        sim.Run();
        Assert.Equal("x", item);
        Assert.Equal(4.0, resumedAt);

        IEnumerable<Event> Consumer()
        {
            var get = store.Get();
            Assert.False(get.IsTriggered);
            yield return get;
            item = get.Item;
            resumedAt = sim.Now;
        }

        IEnumerable<Event> Producer()
        {
            yield return sim.Timeout(4);
            Assert.Equal(1, store.WaitingGetters);
            yield return store.Put("x");
        }
    }

    [Fact]
    public void WaitingGettersAreServedInArrivalOrder()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var log = new List<(string Who, int Item)>();
        foreach (var name in new[] { "a", "b", "c" }) sim.Process(Getter(name));
        sim.Process(Putter());
        sim.Run();
        Assert.Equal([("a", 10), ("b", 11), ("c", 12)], log);

        IEnumerable<Event> Getter(string name)
        {
            var get = store.Get();
            yield return get;
            log.Add((name, get.Item));
        }

        IEnumerable<Event> Putter()
        {
            yield return sim.Timeout(1);
            for (int i = 10; i < 13; i++) yield return store.Put(i);
        }
    }

    [Fact]
    public void BoundedPutBlocksWhenFullAndResumesWhenRoomIsMade()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim, capacity: 2);
        var putTimes = new List<double>();
        sim.Process(Producer());
        sim.Process(Consumer());
        sim.Run();
        // Two puts fit at t=0; the third waits for the first get at t=5, the fourth for the get at t=10.
        Assert.Equal([0.0, 0.0, 5.0, 10.0], putTimes);

        IEnumerable<Event> Producer()
        {
            for (int i = 0; i < 4; i++)
            {
                yield return store.Put(i);
                putTimes.Add(sim.Now);
                Assert.True(store.Count <= store.Capacity);
            }
        }

        IEnumerable<Event> Consumer()
        {
            for (int i = 0; i < 4; i++)
            {
                yield return sim.Timeout(5);
                var get = store.Get();
                yield return get;
                Assert.Equal(i, get.Item);
            }
        }
    }

    [Fact]
    public void WaitingPuttersEnterInArrivalOrder()
    {
        var sim = new Simulation();
        var store = new Store<string>(sim, capacity: 1);
        var got = new List<string>();
        sim.Process(PutAll(store, ["first"]));
        sim.Process(PutAll(store, ["p1"]));
        sim.Process(PutAll(store, ["p2"]));
        sim.Process(PutAll(store, ["p3"]));
        sim.Process(Drain());
        sim.Run();
        Assert.Equal(["first", "p1", "p2", "p3"], got);

        IEnumerable<Event> Drain()
        {
            yield return sim.Timeout(1);
            Assert.Equal(3, store.WaitingPutters);
            for (int i = 0; i < 4; i++)
            {
                var get = store.Get();
                yield return get;
                got.Add(get.Item);
            }
        }
    }

    [Fact]
    public void ServableRequestsContinueWithoutAQueueTrip()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim, capacity: 100);
        long queuedDuringBody = -1;
        sim.Process(Body());
        sim.Run();
        // The body's 100 puts and 100 gets were all servable: none went through the queue.
        Assert.Equal(0, queuedDuringBody);

        IEnumerable<Event> Body()
        {
            long before = sim.ProcessedEventCount;
            for (int i = 0; i < 100; i++) yield return store.Put(i);
            for (int i = 0; i < 100; i++)
            {
                var get = store.Get();
                Assert.True(get.IsTriggered);
                yield return get;
                Assert.Equal(i, get.Item);
            }
            queuedDuringBody = sim.ProcessedEventCount - before;
            Assert.Equal(0.0, sim.Now);
        }
    }

    [Fact]
    public void ItemOfAPendingGetThrows()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var get = store.Get();
        Assert.Throws<InvalidOperationException>(() => get.Item);
        store.Put(7);
        Assert.Equal(7, get.Item);
        Assert.Equal(7, get.Value);
    }

    [Fact]
    public void GetCanReuseAnEarlierGetThatHasHappened()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim, capacity: 1);
        var got = new List<(int Item, double At)>();
        var objects = new HashSet<Event>(ReferenceEqualityComparer.Instance);
        sim.Process(Producer());
        sim.Process(Consumer());
        sim.Run();
        Assert.Equal([(0, 1.0), (1, 2.0), (2, 3.0), (3, 4.0)], got);
        Assert.Single(objects);

        IEnumerable<Event> Producer()
        {
            for (int i = 0; i < 4; i++)
            {
                yield return sim.Timeout(1);
                yield return store.Put(i);
            }
        }

        IEnumerable<Event> Consumer()
        {
            StoreGet<int>? get = null;
            for (int i = 0; i < 4; i++)
            {
                get = store.Get(get);
                objects.Add(get);
                yield return get;
                got.Add((get.Item, sim.Now));
            }
        }
    }

    [Fact]
    public void ReusingAWaitingOrForeignGetIsRejected()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var other = new Store<int>(sim);
        var waiting = store.Get();
        Assert.Throws<InvalidOperationException>(() => store.Get(waiting));
        store.Put(1);
        Assert.Throws<ArgumentException>(() => other.Get(waiting));
        Assert.Equal(1, waiting.Item);
    }

    [Fact]
    public void CapacityMustBePositive()
    {
        var sim = new Simulation();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Store<int>(sim, capacity: 0));
    }

    private static IEnumerable<Event> PutAll<T>(Store<T> store, IEnumerable<T> items)
    {
        foreach (var item in items) yield return store.Put(item);
    }

    private static IEnumerable<Event> GetAll<T>(Store<T> store, int count, List<T> into)
    {
        for (int i = 0; i < count; i++)
        {
            var get = store.Get();
            yield return get;
            into.Add(get.Item);
        }
    }
}
