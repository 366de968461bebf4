using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>All-of and any-of conditions.</summary>
public class ConditionTests
{
    [Fact]
    public void AllOfWaitsForTheLastAndCarriesAllValues()
    {
        var sim = new Simulation();
        var a = sim.Event();
        var b = sim.Event();
        double doneAt = -1;
        IReadOnlyList<Event>? fired = null;
        sim.Process(Wait());
        sim.Process(Trigger());
        sim.Run();
        Assert.Equal(3.0, doneAt);
        Assert.NotNull(fired);
        Assert.Equal(["A", "B"], fired.Select(e => (string?)e.Value));

        IEnumerable<Event> Wait()
        {
            var all = sim.AllOf(a, b);
            yield return all;
            doneAt = sim.Now;
            fired = all.Fired;
            Assert.Same(all.Fired, all.Value);
        }

        IEnumerable<Event> Trigger()
        {
            yield return sim.Timeout(3);
            b.Succeed("B");
            yield return sim.Timeout(0);
            Assert.False(a.IsTriggered);
            a.Succeed("A");
        }
    }

    [Fact]
    public void AnyOfHappensWithTheFirstAndListsOnlyThoseThatHappened()
    {
        var sim = new Simulation();
        double doneAt = -1;
        Event? slow = null, fast = null;
        AnyOf? any = null;
        sim.Process(Wait());
        sim.Run();
        Assert.Equal(2.0, doneAt);
        Assert.NotNull(any);
        Assert.Equal([fast!], any.Fired);
        Assert.True(slow!.IsProcessed); // the slow one still happened later, harmlessly

        IEnumerable<Event> Wait()
        {
            slow = sim.Timeout(5);
            fast = sim.Timeout(2);
            any = sim.AnyOf(slow, fast);
            yield return any;
            doneAt = sim.Now;
        }
    }

    [Fact]
    public void AlreadyHappenedChildrenCountAtOnce()
    {
        var sim = new Simulation();
        var done = sim.Event();
        done.Succeed(1);
        var later = sim.Timeout(4);
        double anyAt = -1, allAt = -1;
        sim.Process(Wait());
        sim.Run();
        Assert.Equal(0.0, anyAt);
        Assert.Equal(4.0, allAt);

        IEnumerable<Event> Wait()
        {
            var any = sim.AnyOf(later, done);
            Assert.Equal([done], any.Fired);
            yield return any;
            anyAt = sim.Now;
            yield return sim.AllOf(done, later);
            allAt = sim.Now;
        }
    }

    [Fact]
    public void EmptyConditionsHappenAtOnce()
    {
        var sim = new Simulation(startTime: 7);
        var all = sim.AllOf();
        var any = sim.AnyOf();
        Assert.True(all.IsTriggered);
        Assert.True(any.IsTriggered);
        Assert.Empty(all.Fired);
        Assert.Empty(any.Fired);
        sim.Run();
        Assert.Equal(7.0, sim.Now);
    }

    [Fact]
    public void FailingChildFailsTheCondition()
    {
        var sim = new Simulation();
        var ok = sim.Timeout(10);
        var bad = sim.Event();
        Exception? caught = null;
        double at = -1;
        sim.Process(Wait());
        sim.Process(Break());
        sim.Run();
        Assert.IsType<TimeZoneNotFoundException>(caught);
        Assert.Equal(1.0, at);

        IEnumerable<Event> Wait()
        {
            var all = sim.AllOf(ok, bad);
            yield return all;
            at = sim.Now;
            caught = all.HandleFault();
        }

        IEnumerable<Event> Break()
        {
            yield return sim.Timeout(1);
            bad.Fail(new TimeZoneNotFoundException("boom"));
        }
    }

    [Fact]
    public void ConditionOverProcessesCollectsTheirResults()
    {
        var sim = new Simulation();
        var workers = Enumerable.Range(1, 3).Select(i => sim.Process(Work(i))).ToList();
        var all = sim.AllOf(workers);
        sim.Run();
        Assert.True(all.IsOk);
        Assert.Equal([10, 20, 30], all.Fired.Select(e => (int)e.Value!));
        Assert.Equal(3.0, sim.Now);

        IEnumerable<Event> Work(int i)
        {
            yield return sim.Timeout(i);
            sim.ActiveProcess.SetResult(i * 10);
        }
    }

    [Fact]
    public void EventsOfAnotherSimulationAreRejected()
    {
        var sim = new Simulation();
        var other = new Simulation();
        Assert.Throws<ArgumentException>(() => sim.AllOf(sim.Event(), other.Event()));
    }
}
