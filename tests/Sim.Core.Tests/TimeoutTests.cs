using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>A timeout of delay d created at t fires at exactly t + d, bit for bit.</summary>
public class TimeoutTests
{
    [Fact]
    public void RepeatedTimeoutsAccumulateByPlainAddition()
    {
        var sim = new Simulation();
        var seen = new List<double>();
        sim.Process(Tick(sim, seen));
        sim.Run();

        double expected = 0;
        for (int i = 0; i < 10; i++)
        {
            expected += 0.1;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(seen[i]));
        }
        // 0.1 added ten times is not 1.0 in binary: the engine must not round or snap the clock.
        Assert.NotEqual(1.0, seen[^1]);

        static IEnumerable<Event> Tick(Simulation sim, List<double> seen)
        {
            for (int i = 0; i < 10; i++)
            {
                yield return sim.Timeout(0.1);
                seen.Add(sim.Now);
            }
        }
    }

    [Fact]
    public void ResumeTimeIsStartPlusDelayForArbitraryValues()
    {
        var rng = new Random(1234);
        var sim = new Simulation(startTime: 1e6 / 3);
        var mismatches = 0;
        for (int p = 0; p < 20; p++) sim.Process(Worker(sim, new Random(rng.Next()), () => mismatches++));
        sim.Run();
        Assert.Equal(0, mismatches);
        Assert.True(sim.ProcessedEventCount > 20 * 500);

        static IEnumerable<Event> Worker(Simulation sim, Random rng, Action mismatch)
        {
            for (int i = 0; i < 500; i++)
            {
                double start = sim.Now;
                double delay = rng.NextDouble() * Math.Pow(10, rng.Next(-6, 4));
                var timeout = sim.Timeout(delay);
                yield return timeout;
                if (BitConverter.DoubleToInt64Bits(sim.Now) != BitConverter.DoubleToInt64Bits(start + delay)) mismatch();
                if (timeout.Time != sim.Now) mismatch();
            }
        }
    }

    [Fact]
    public void ProcessWokenThroughAStoreSeesTheWakingEventsTime()
    {
        var sim = new Simulation();
        var store = new Resources.Store<double>(sim);
        double got = double.NaN, putAt = double.NaN;
        sim.Process(Producer(sim, store, v => putAt = v));
        sim.Process(Consumer(sim, store, v => got = v));
        sim.Run();
        Assert.Equal(BitConverter.DoubleToInt64Bits(putAt), BitConverter.DoubleToInt64Bits(got));

        static IEnumerable<Event> Producer(Simulation sim, Resources.Store<double> store, Action<double> at)
        {
            yield return sim.Timeout(0.7);
            yield return sim.Timeout(0.2);
            at(sim.Now);
            yield return store.Put(sim.Now);
        }

        static IEnumerable<Event> Consumer(Simulation sim, Resources.Store<double> store, Action<double> at)
        {
            var get = store.Get();
            yield return get;
            Assert.Equal(get.Item, sim.Now);
            at(sim.Now);
        }
    }

    [Fact]
    public void ZeroDelayFiresAtTheCurrentTime()
    {
        var sim = new Simulation(startTime: 2.5);
        var timeout = sim.Timeout(0);
        Assert.False(timeout.IsTriggered);
        sim.Run();
        Assert.True(timeout.IsProcessed);
        Assert.Equal(2.5, sim.Now);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidDelaysAreRejected(double delay)
    {
        var sim = new Simulation();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Timeout(delay));
    }

    [Fact]
    public void ModelCodeCannotTriggerATimeout()
    {
        var sim = new Simulation();
        var timeout = sim.Timeout(1);
        Assert.Throws<InvalidOperationException>(() => timeout.Succeed());
    }
}
