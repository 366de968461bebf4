using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>Process.Interrupt: SimPy's interrupts, delivered as a failure the body takes with HandleInterrupt.</summary>
public class InterruptTests
{
    [Fact]
    public void InterruptedProcessResumesAtOnceWithTheCauseAndItsOldTargetNoLongerWakesIt()
    {
        var sim = new Simulation();
        var log = new List<string>();
        var sleeper = sim.Process(Sleeper(), "sleeper");
        sim.Process(Waker());
        sim.Run();
        Assert.Equal(["interrupted at 3 by alarm", "awake at 4"], log);
        Assert.True(sleeper.IsOk);
        Assert.Equal(10.0, sim.Now); // the abandoned timeout still fires, waking nobody

        IEnumerable<Event> Sleeper()
        {
            yield return sim.Timeout(10);
            var interruptSeen = sim.ActiveProcess.HandleInterrupt();
            if (interruptSeen is { } interrupt) log.Add($"interrupted at {sim.Now} by {interrupt.Cause}");
            Assert.Same(interruptSeen, sim.ActiveProcess.HandleInterrupt()); // the same for the whole step
            yield return sim.Delay(1);
            Assert.Null(sim.ActiveProcess.HandleInterrupt());
            log.Add($"awake at {sim.Now}");
        }

        IEnumerable<Event> Waker()
        {
            yield return sim.Timeout(3);
            sleeper.Interrupt("alarm");
        }
    }

    [Fact]
    public void TheInterruptedWaitCanBeResumed()
    {
        var sim = new Simulation();
        var resumed = new List<double>();
        var p = sim.Process(Body());
        sim.Process(Interrupter());
        sim.Run();
        Assert.Equal([2.0, 7.0], resumed);

        IEnumerable<Event> Body()
        {
            var ring = sim.Timeout(7);
            yield return ring;
            sim.ActiveProcess.HandleInterrupt();
            resumed.Add(sim.Now);
            yield return ring; // the same event again: it wakes the process once, at 7
            resumed.Add(sim.Now);
        }

        IEnumerable<Event> Interrupter()
        {
            yield return sim.Timeout(2);
            p.Interrupt();
        }
    }

    [Fact]
    public void AnIgnoredInterruptFailsTheProcessAndReachesItsParent()
    {
        var sim = new Simulation();
        Exception? seen = null;
        bool passed = false;
        sim.Process(Parent());
        sim.Run();
        Assert.IsType<InterruptException>(seen);
        Assert.Equal("stop", ((InterruptException)seen).Cause);
        Assert.False(passed);

        IEnumerable<Event> Parent()
        {
            var child = sim.Process(Child());
            yield return sim.Timeout(1);
            child.Interrupt("stop");
            yield return child;
            seen = child.HandleFault();
        }

        IEnumerable<Event> Child()
        {
            yield return sim.Timeout(5);
            yield return sim.Timeout(5); // did not look: fails instead of waiting here
            passed = true;
        }
    }

    [Fact]
    public void InterruptingAnEndedProcessOrItselfIsRejected()
    {
        var sim = new Simulation();
        InvalidOperationException? selfError = null;
        var quick = sim.Process(Quick());
        var self = sim.Process(Self());
        sim.Run();
        Assert.Throws<InvalidOperationException>(() => quick.Interrupt());
        Assert.NotNull(selfError);

        IEnumerable<Event> Quick()
        {
            yield return sim.Timeout(1);
        }

        IEnumerable<Event> Self()
        {
            yield return sim.Timeout(1);
            selfError = Assert.Throws<InvalidOperationException>(() => sim.ActiveProcess.Interrupt());
        }
    }

    [Fact]
    public void AnInterruptComesBeforeOtherEventsOfTheSameTime()
    {
        var sim = new Simulation();
        string? outcome = null;
        var gate = sim.Event();
        var p = sim.Process(Body());
        sim.Process(Opener());
        sim.Process(Interrupter());
        sim.Run();
        // At 4 the gate is queued first; the interrupt, queued after it, still reaches the process first.
        Assert.Equal("interrupted at 4", outcome);

        IEnumerable<Event> Body()
        {
            yield return gate;
            outcome = sim.ActiveProcess.HandleInterrupt() is null ? $"gate at {sim.Now}" : $"interrupted at {sim.Now}";
        }

        IEnumerable<Event> Opener()
        {
            yield return sim.Timeout(4);
            gate.Succeed();
        }

        IEnumerable<Event> Interrupter()
        {
            yield return sim.Timeout(4);
            p.Interrupt();
        }
    }
}
