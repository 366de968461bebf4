using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Tests;

/// <summary>Processes: results, waiting on processes, synchronous continuation.</summary>
public class ProcessTests
{
    [Fact]
    public void ProcessSucceedsWithItsResultWhenTheBodyEnds()
    {
        var sim = new Simulation();
        var p = sim.Process(Compute(sim), "compute");
        Assert.True(p.IsAlive);
        sim.Run();
        Assert.False(p.IsAlive);
        Assert.True(p.IsOk);
        Assert.Equal(42, p.Value);
        Assert.Equal(2.0, sim.Now);
        Assert.Null(p.Target);
    }

    [Fact]
    public void ProcessWithoutResultSucceedsWithNull()
    {
        var sim = new Simulation();
        var p = sim.Process(Wait(sim, 1));
        sim.Run();
        Assert.True(p.IsOk);
        Assert.Null(p.Value);
    }

    [Fact]
    public void WaitingOnAProcessResumesWhenItEndsWithItsValue()
    {
        var sim = new Simulation();
        object? got = null;
        double at = -1;
        sim.Process(Parent());
        sim.Run();
        Assert.Equal(42, got);
        Assert.Equal(2.0, at);

        IEnumerable<Event> Parent()
        {
            var child = sim.Process(Compute(sim));
            yield return child;
            got = child.Value;
            at = sim.Now;
        }
    }

    [Fact]
    public void WaitingOnAFinishedProcessContinuesAtOnce()
    {
        var sim = new Simulation();
        var child = sim.Process(Compute(sim));
        double at = -1;
        sim.Process(Late());
        sim.Run();
        Assert.Equal(5.0, at);

        IEnumerable<Event> Late()
        {
            yield return sim.Timeout(5);
            Assert.True(child.IsProcessed);
            yield return child;
            at = sim.Now;
            Assert.Equal(42, child.Value);
        }
    }

    [Fact]
    public void ManyWaitersOnOneEventAllResume()
    {
        var sim = new Simulation();
        var gate = sim.Event();
        var log = new List<(int, object?)>();
        for (int i = 0; i < 4; i++) sim.Process(Waiter(i));
        sim.Process(Opener());
        sim.Run();
        Assert.Equal([(0, "open"), (1, "open"), (2, "open"), (3, "open")], log);

        IEnumerable<Event> Waiter(int id)
        {
            yield return gate;
            log.Add((id, gate.Value));
        }

        IEnumerable<Event> Opener()
        {
            yield return sim.Timeout(1);
            gate.Succeed("open");
        }
    }

    [Fact]
    public void ActiveProcessIsTheRunningOneAndNoneOutside()
    {
        var sim = new Simulation();
        Process? seen = null;
        var p = sim.Process(Body());
        sim.Run();
        Assert.Same(p, seen);
        Assert.Throws<InvalidOperationException>(() => sim.ActiveProcess);

        IEnumerable<Event> Body()
        {
            seen = sim.ActiveProcess;
            yield break;
        }
    }

    [Fact]
    public void YieldingNullFailsTheProcess()
    {
        var sim = new Simulation();
        var p = sim.Process(Bad());
        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());
        Assert.Contains("null", ex.Message);
        Assert.True(p.IsFailed);

        static IEnumerable<Event> Bad()
        {
            yield return null!;
        }
    }

    [Fact]
    public void BodyFinallyBlocksRunWhenTheProcessEnds()
    {
        var sim = new Simulation();
        var log = new List<string>();
        sim.Process(Body());
        Assert.Throws<ArithmeticException>(() => sim.Run());
        Assert.Equal(["finally"], log);

        IEnumerable<Event> Body()
        {
            try
            {
                yield return sim.Timeout(1);
                throw new ArithmeticException();
            }
            finally
            {
                log.Add("finally");
            }
        }
    }

    private static IEnumerable<Event> Compute(Simulation sim)
    {
        yield return sim.Timeout(2);
        sim.ActiveProcess.SetResult(42);
    }

    private static IEnumerable<Event> Wait(Simulation sim, double delay)
    {
        yield return sim.Timeout(delay);
    }
}
