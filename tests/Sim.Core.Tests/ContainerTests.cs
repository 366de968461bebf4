using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>Containers: levels and blocking puts and gets.</summary>
public class ContainerTests
{
    [Fact]
    public void LevelFollowsPutsAndGets()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 4);
        Assert.True(tank.Put(3.5).IsTriggered);
        Assert.Equal(7.5, tank.Level);
        Assert.True(tank.Get(7.5).IsTriggered);
        Assert.Equal(0.0, tank.Level);
    }

    [Fact]
    public void GetWaitsForEnoughContent()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100);
        double servedAt = -1;
        sim.Process(Consumer());
        sim.Process(Producer());
        sim.Run();
        Assert.Equal(3.0, servedAt);
        Assert.Equal(1.0, tank.Level);

        IEnumerable<Event> Consumer()
        {
            yield return tank.Get(5);
            servedAt = sim.Now;
        }

        IEnumerable<Event> Producer()
        {
            for (int i = 0; i < 3; i++)
            {
                yield return sim.Timeout(1);
                yield return tank.Put(2); // level 2, 4, then 6 -> the get of 5 is served at t=3
            }
        }
    }

    [Fact]
    public void PutWaitsForRoom()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 8);
        double putAt = -1;
        sim.Process(Filler());
        sim.Process(Drainer());
        sim.Run();
        Assert.Equal(2.0, putAt);
        Assert.Equal(9.0, tank.Level);

        IEnumerable<Event> Filler()
        {
            yield return tank.Put(5);
            putAt = sim.Now;
        }

        IEnumerable<Event> Drainer()
        {
            yield return sim.Timeout(1);
            yield return tank.Get(1); // 7: still no room for 5
            yield return sim.Timeout(1);
            yield return tank.Get(3); // 4: the put fits -> 9
        }
    }

    [Fact]
    public void WaitingHeadBlocksSmallerRequestsBehindIt()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10);
        var log = new List<string>();
        sim.Process(Get("big", 6));
        sim.Process(Get("small", 1));
        sim.Process(Fill());
        sim.Run();
        Assert.Equal(["big@2", "small@2"], log);

        IEnumerable<Event> Get(string name, double amount)
        {
            yield return tank.Get(amount);
            log.Add($"{name}@{sim.Now}");
        }

        IEnumerable<Event> Fill()
        {
            yield return sim.Timeout(1);
            yield return tank.Put(3); // enough for "small" but it queues behind "big"
            Assert.Empty(log);
            yield return sim.Timeout(1);
            yield return tank.Put(4);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(11.0)]
    [InlineData(double.NaN)]
    public void InvalidAmountsAreRejected(double amount)
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => tank.Put(amount));
        Assert.Throws<ArgumentOutOfRangeException>(() => tank.Get(amount));
    }
}
