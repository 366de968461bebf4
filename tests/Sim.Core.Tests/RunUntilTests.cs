using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>Run(until) stops before the given time and can be resumed.</summary>
public class RunUntilTests
{
    [Fact]
    public void StopsBeforeUntilAndSetsTheClock()
    {
        var sim = new Simulation();
        var ticks = new List<double>();
        sim.Process(Ticker(sim, ticks));
        sim.Run(until: 3);
        Assert.Equal([1.0, 2.0], ticks); // the tick at exactly 3 stays queued
        Assert.Equal(3.0, sim.Now);

        sim.Run(until: 5.5);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], ticks);
        Assert.Equal(5.5, sim.Now);
    }

    [Fact]
    public void EmptyQueueStillAdvancesTheClockToUntil()
    {
        var sim = new Simulation();
        sim.Run(until: 10);
        Assert.Equal(10.0, sim.Now);
    }

    [Fact]
    public void RunWithoutUntilDrainsTheQueue()
    {
        var sim = new Simulation();
        sim.Timeout(8);
        sim.Timeout(3);
        sim.Run();
        Assert.Equal(8.0, sim.Now);
        Assert.Equal(0, sim.QueuedEventCount);
        Assert.Equal(2, sim.ProcessedEventCount);
    }

    [Fact]
    public void UntilInThePastIsRejected()
    {
        var sim = new Simulation(startTime: 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(until: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(until: double.NaN));
    }

    [Fact]
    public void RunInsideTheSimulationIsRejected()
    {
        var sim = new Simulation();
        sim.Process(Body());
        Assert.Throws<InvalidOperationException>(() => sim.Run());

        IEnumerable<Event> Body()
        {
            yield return sim.Timeout(1);
            sim.Run();
        }
    }

    private static IEnumerable<Event> Ticker(Simulation sim, List<double> ticks)
    {
        while (true)
        {
            yield return sim.Timeout(1);
            ticks.Add(sim.Now);
        }
    }
}
