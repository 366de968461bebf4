using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>Priority resources: service order by priority, then arrival; no preemption.</summary>
public class PriorityResourceTests
{
    [Fact]
    public void WaitingRequestsAreServedByPriorityThenArrival()
    {
        var sim = new Simulation();
        var server = new PriorityResource(sim);
        var log = new List<string>();
        sim.Process(Use("holder", 0, 0, 10));
        sim.Process(Use("low1", 1, 5, 1));
        sim.Process(Use("high1", 2, 0, 1));
        sim.Process(Use("low2", 3, 5, 1));
        sim.Process(Use("mid", 4, 2, 1));
        sim.Process(Use("high2", 5, 0, 1));
        sim.Run();
        Assert.Equal(["holder@0", "high1@10", "high2@11", "mid@12", "low1@13", "low2@14"], log);

        IEnumerable<Event> Use(string name, double at, int priority, double duration)
        {
            yield return sim.Timeout(at);
            using var request = server.Request(priority);
            yield return request;
            log.Add($"{name}@{sim.Now}");
            yield return sim.Timeout(duration);
        }
    }

    [Fact]
    public void AGrantedUnitIsKeptWhenAHigherPriorityArrives()
    {
        var sim = new Simulation();
        var server = new PriorityResource(sim, capacity: 1);
        double highGotItAt = -1;
        sim.Process(Low());
        sim.Process(High());
        sim.Run();
        Assert.Equal(5.0, highGotItAt);

        IEnumerable<Event> Low()
        {
            using var request = server.Request(9);
            yield return request;
            yield return sim.Timeout(5);
        }

        IEnumerable<Event> High()
        {
            yield return sim.Timeout(1);
            using var request = server.Request(0);
            yield return request;
            highGotItAt = sim.Now;
        }
    }

    [Fact]
    public void PlainRequestHasPriorityZeroAndWithdrawnRequestsLeaveTheQueue()
    {
        var sim = new Simulation();
        var server = new PriorityResource(sim);
        var holder = server.Request(0);
        var low = server.Request(1);
        var plain = server.Request();
        var gone = server.Request(0);
        Assert.Equal(0, plain.Priority);
        Assert.Equal(3, server.QueueLength);
        server.Release(gone); // withdrawn while waiting
        Assert.Equal(2, server.QueueLength);
        server.Release(holder);
        sim.Run();
        Assert.True(plain.IsOk);
        Assert.False(low.IsTriggered);
        Assert.False(gone.IsTriggered);
        Assert.Equal(1, server.InUse);
    }

    [Fact]
    public void PriorityOutsideTheEngineRangeIsRejected()
    {
        var sim = new Simulation();
        var server = new PriorityResource(sim);
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Request(Simulation.MaxPriority + 1));
    }
}
