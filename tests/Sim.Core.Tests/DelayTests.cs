using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>Simulation.Delay: exact like a timeout, its event recycled only when that is safe.</summary>
public class DelayTests
{
    [Fact]
    public void DelaysAreExactAndReuseOneObjectWhenYieldedDirectly()
    {
        var sim = new Simulation();
        var seen = new HashSet<Event>(ReferenceEqualityComparer.Instance);
        var times = new List<double>();
        sim.Process(Body());
        sim.Run();

        double expected = 0;
        foreach (var d in new[] { 0.1, 0.2, 0.3, 1e-9 })
        {
            expected += d;
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(times[^1]));
        Assert.Single(seen);

        IEnumerable<Event> Body()
        {
            foreach (var d in new[] { 0.1, 0.2, 0.3, 1e-9 })
            {
                var delay = sim.Delay(d);
                seen.Add(delay);
                yield return delay;
                times.Add(sim.Now);
            }
        }
    }

    [Fact]
    public void DelayGivenToAConditionIsNotRecycled()
    {
        var sim = new Simulation();
        Event? inCondition = null, next = null;
        sim.Process(Body());
        sim.Run();
        Assert.NotNull(next);
        Assert.NotSame(inCondition, next);
        Assert.True(inCondition!.IsProcessed);
        Assert.Equal(3.0, sim.Now);

        IEnumerable<Event> Body()
        {
            inCondition = sim.Delay(1);
            yield return sim.AnyOf(inCondition, sim.Event());
            next = sim.Delay(2);
            yield return next;
        }
    }

    [Fact]
    public void DelayNotYetFiredIsNotRecycled()
    {
        var sim = new Simulation();
        var fired = new List<double>();
        sim.Process(Body());
        sim.Run();
        Assert.Equal([5.0, 7.0], fired);

        IEnumerable<Event> Body()
        {
            var first = sim.Delay(5);
            var second = sim.Delay(7); // the first is still pending: a new object
            Assert.NotSame(first, second);
            first.AddCallback(_ => fired.Add(sim.Now));
            second.AddCallback(_ => fired.Add(sim.Now));
            yield return second;
        }
    }

    [Fact]
    public void DelayOutsideAProcessIsRejected()
    {
        var sim = new Simulation();
        Assert.Throws<InvalidOperationException>(() => sim.Delay(1));
    }
}
