using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>Failures reach the waiting process and propagate through processes to Run.</summary>
public class FailureTests
{
    [Fact]
    public void FailedEventThrowsInsideTheWaitingProcess()
    {
        var sim = new Simulation();
        var ev = sim.Event();
        string? caught = null;
        double at = -1;
        var p = sim.Process(Waiter());
        sim.Process(Failer());
        sim.Run();
        Assert.Equal("disk on fire", caught);
        Assert.Equal(3.0, at);
        Assert.True(p.IsOk); // it handled the failure

        IEnumerable<Event> Waiter()
        {
            yield return ev;
            try
            {
                _ = ev.Value;
            }
            catch (IOException ex)
            {
                caught = ex.Message;
                at = sim.Now;
            }
        }

        IEnumerable<Event> Failer()
        {
            yield return sim.Timeout(3);
            ev.Fail(new IOException("disk on fire"));
        }
    }

    [Fact]
    public void UnobservedFailureFailsTheWaiterAtTheEndOfItsStepAndPropagatesToItsParent()
    {
        var sim = new Simulation();
        var ev = sim.Event();
        Exception? parentSaw = null;
        double parentAt = -1;
        bool childPassedNextWait = false;
        sim.Process(Parent());
        sim.Process(Failer());
        sim.Run();
        Assert.False(childPassedNextWait);
        Assert.IsType<FormatException>(parentSaw);
        Assert.Equal(1.0, parentAt);

        IEnumerable<Event> Parent()
        {
            var child = sim.Process(Child());
            yield return child;
            parentAt = sim.Now;
            parentSaw = child.HandleFault();
        }

        IEnumerable<Event> Child()
        {
            yield return ev;             // does not look at the failure...
            yield return sim.Timeout(1); // ...so the process fails instead of waiting here
            childPassedNextWait = true;
        }

        IEnumerable<Event> Failer()
        {
            yield return sim.Timeout(1);
            ev.Fail(new FormatException("bad"));
        }
    }

    [Fact]
    public void ExceptionEscapingABodyFailsTheProcessWithIt()
    {
        var sim = new Simulation();
        Exception? seen = null;
        sim.Process(Parent());
        sim.Run();
        Assert.IsType<DivideByZeroException>(seen);

        IEnumerable<Event> Parent()
        {
            var child = sim.Process(Child());
            yield return child;
            seen = child.HandleFault();
        }

        IEnumerable<Event> Child()
        {
            yield return sim.Timeout(1);
            throw new DivideByZeroException();
        }
    }

    [Fact]
    public void UnhandledFailureMakesRunThrow()
    {
        var sim = new Simulation();
        sim.Process(Body());
        var ex = Assert.Throws<KeyNotFoundException>(() => sim.Run());
        Assert.Equal("lost", ex.Message);
        Assert.Equal(2.0, sim.Now);

        IEnumerable<Event> Body()
        {
            yield return sim.Timeout(2);
            throw new KeyNotFoundException("lost");
        }
    }

    [Fact]
    public void FailedEventWithoutWaitersMakesRunThrow()
    {
        var sim = new Simulation();
        sim.Event().Fail(new TimeoutException("nobody listens"));
        Assert.Throws<TimeoutException>(() => sim.Run());
    }

    [Fact]
    public void YieldingAnAlreadyFailedEventDeliversTheFailureAtOnce()
    {
        var sim = new Simulation();
        var ev = sim.Event();
        Exception? handled = null;
        sim.Process(Body());
        sim.Run(); // ev is processed later without waiters; the process has handled it, so no throw
        Assert.IsType<InvalidCastException>(handled);
        Assert.True(ev.IsProcessed);

        IEnumerable<Event> Body()
        {
            ev.Fail(new InvalidCastException());
            yield return ev; // already happened: the body continues in the same step
            Assert.False(ev.IsProcessed);
            handled = ev.HandleFault();
        }
    }

    [Fact]
    public void EventsCanBeTriggeredOnlyOnce()
    {
        var sim = new Simulation();
        var ev = sim.Event();
        ev.Succeed(1);
        Assert.Throws<InvalidOperationException>(() => ev.Succeed(2));
        Assert.Throws<InvalidOperationException>(() => ev.Fail(new Exception()));
        Assert.Equal(1, ev.Value);
    }

    [Fact]
    public void ValueOfAPendingEventThrows()
    {
        var sim = new Simulation();
        Assert.Throws<InvalidOperationException>(() => sim.Event().Value);
    }
}
