using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>Preemptive resources: who is evicted, and what the evicted process is told.</summary>
public class PreemptionTests
{
    [Fact]
    public void PreemptedUserIsInterruptedWithWhoTookItAndSinceWhen()
    {
        var sim = new Simulation();
        var server = new PreemptiveResource(sim, name: "mm");
        var log = new List<string>();
        Preempted? cause = null;
        ResourceRequest? lowRequest = null;
        sim.Process(Low(), "low");
        var high = sim.Process(High(), "high");
        sim.Run();

        Assert.Equal(["low got it at 1", "high got it at 4", "low preempted at 4", "low got it again at 6", "low done at 13"], log);
        Assert.NotNull(cause);
        Assert.Same(high, cause.By);
        Assert.Equal(1.0, cause.UsageSince);
        Assert.Same(server, cause.Resource);
        Assert.True(lowRequest!.WasPreempted);
        Assert.Equal(0, server.InUse);

        IEnumerable<Event> Low()
        {
            yield return sim.Timeout(1);
            double work = 10;
            using (var request = server.Request(1))
            {
                lowRequest = request;
                yield return request;
                log.Add($"low got it at {sim.Now}");
                double started = sim.Now;
                yield return sim.Timeout(work);
                if (sim.ActiveProcess.HandleInterrupt() is { Cause: Preempted p })
                {
                    cause = p;
                    log.Add($"low preempted at {sim.Now}");
                    Assert.Equal(1, server.InUse); // the unit is high's now
                    work -= sim.Now - started;
                }
            } // releasing a preempted request does nothing
            using var again = server.Request(1);
            yield return again;
            log.Add($"low got it again at {sim.Now}");
            yield return sim.Timeout(work);
            log.Add($"low done at {sim.Now}");
        }

        IEnumerable<Event> High()
        {
            yield return sim.Timeout(4);
            using var request = server.Request(0);
            yield return request;
            log.Add($"high got it at {sim.Now}");
            yield return sim.Timeout(2);
        }
    }

    [Fact]
    public void OnlyStrictlyLowerPriorityUsersAreEvictedAndOnlyByPreemptingRequests()
    {
        var sim = new Simulation();
        var server = new PreemptiveResource(sim);
        var holder = server.Request(1);
        var samePriority = server.Request(1, preempt: true);
        var polite = server.Request(0, preempt: false);
        Assert.True(holder.IsTriggered);
        Assert.False(samePriority.IsTriggered);
        Assert.False(polite.IsTriggered);
        Assert.False(holder.WasPreempted);

        var urgent = server.Request(0, preempt: true); // queues behind 'polite' (equal priority, later)
        Assert.False(urgent.IsTriggered);
        Assert.False(holder.WasPreempted);
        Assert.Equal(3, server.QueueLength);

        server.Release(polite); // withdrawn: 'urgent' is now at the head and takes the unit
        Assert.True(holder.WasPreempted);
        sim.Run();
        Assert.True(urgent.IsOk);
        Assert.Equal(1, server.InUse);
        Assert.Null(urgent.Owner); // made outside a process: nobody to interrupt
    }

    [Fact]
    public void TheVictimIsTheLowestPriorityUserAndTheLatestAmongEquals()
    {
        var sim = new Simulation();
        var server = new PreemptiveResource(sim, capacity: 3);
        ResourceRequest a = null!, b = null!, c = null!;
        sim.Process(Take(0, 2, r => a = r));
        sim.Process(Take(1, 3, r => b = r));
        sim.Process(Take(2, 3, r => c = r));
        sim.Run(until: 3);
        var first = server.Request(0);
        Assert.True(first.IsTriggered); // granted by evicting c (priority 3, the later of the two 3s)
        Assert.Equal([false, false, true], new[] { a.WasPreempted, b.WasPreempted, c.WasPreempted });
        var second = server.Request(0);
        Assert.True(second.IsTriggered); // then b
        Assert.Equal([false, true, true], new[] { a.WasPreempted, b.WasPreempted, c.WasPreempted });
        var third = server.Request(1);   // a (priority 2) is lower than 1: evicted too
        Assert.True(third.IsTriggered);
        Assert.True(a.WasPreempted);
        Assert.False(server.Request(1).IsTriggered); // left: two 0s and a 1, none lower than 1
        sim.Run(until: 4);
        Assert.Equal(3, server.InUse);

        IEnumerable<Event> Take(double at, int priority, Action<ResourceRequest> keep)
        {
            yield return sim.Timeout(at);
            var request = server.Request(priority);
            keep(request);
            yield return request;
            yield return sim.Timeout(100);
            sim.ActiveProcess.HandleInterrupt();
        }
    }

    [Fact]
    public void APreemptionTheVictimIgnoresFailsItsProcess()
    {
        var sim = new Simulation();
        var server = new PreemptiveResource(sim);
        bool passed = false;
        var victim = sim.Process(Careless(), "careless");
        sim.Process(Preemptor());
        var error = Assert.Throws<InterruptException>(() => sim.Run());
        Assert.IsType<Preempted>(error.Cause);
        Assert.True(victim.IsFailed);
        Assert.False(passed);
        Assert.Equal(2.0, sim.Now);

        IEnumerable<Event> Careless()
        {
            using var request = server.Request(5);
            yield return request;
            yield return sim.Timeout(10);
            yield return sim.Timeout(1); // did not look at the interrupt: fails instead of waiting here
            passed = true;
        }

        IEnumerable<Event> Preemptor()
        {
            yield return sim.Timeout(2);
            yield return server.Request(0);
        }
    }
}
