using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>
/// A delay that is due next is run inside the yielding process's step (no trip through the
/// queue). Whatever happens at the same time, or at the run's limit, must still come first.
/// </summary>
public class RunNextTests
{
    [Fact]
    public void A_lone_process_sees_every_delay_end_and_every_event_is_counted()
    {
        var sim = new Simulation();
        var times = new List<double>();
        sim.Process(Body());
        sim.Run();
        Assert.Equal([1.0, 3.0, 6.0], times);
        // The start event, three delays and the process's end.
        Assert.Equal(5, sim.ProcessedEventCount);

        IEnumerable<Event> Body()
        {
            foreach (var d in new[] { 1.0, 2.0, 3.0 })
            {
                yield return sim.Delay(d);
                times.Add(sim.Now);
            }
        }
    }

    [Fact]
    public void A_second_waiter_of_the_same_event_resumes_at_the_event_time()
    {
        var sim = new Simulation();
        var gate = sim.Timeout(2); // fires from the queue with nothing else due then
        var log = new List<string>();
        sim.Process(Waiter("a", delay: 5));
        sim.Process(Waiter("b", delay: 0.5));
        sim.Run();
        Assert.Equal(["a resumed at 2", "b resumed at 2", "b done at 2.5", "a done at 7"], log);

        IEnumerable<Event> Waiter(string name, double delay)
        {
            yield return gate;
            log.Add($"{name} resumed at {sim.Now}");
            yield return sim.Delay(delay);
            log.Add($"{name} done at {sim.Now}");
        }
    }

    [Fact]
    public void Work_woken_at_the_current_time_runs_before_the_delay_ends()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var log = new List<string>();
        sim.Process(Consumer());
        sim.Process(Producer());
        sim.Run();
        Assert.Equal(["got 1 at 1", "producer at 4", "got 2 at 4", "producer at 7"], log);

        IEnumerable<Event> Producer()
        {
            yield return sim.Delay(1);
            store.Put(1); // wakes the consumer at time 1
            yield return sim.Delay(3);
            log.Add($"producer at {sim.Now}");
            store.Put(2);
            yield return sim.Delay(3);
            log.Add($"producer at {sim.Now}");
        }

        IEnumerable<Event> Consumer()
        {
            for (int i = 0; i < 2; i++)
            {
                var get = store.Get();
                yield return get;
                log.Add($"got {get.Item} at {sim.Now}");
            }
        }
    }

    [Fact]
    public void Equal_times_keep_their_queue_order()
    {
        var sim = new Simulation();
        var log = new List<string>();
        sim.Process(Ticker("first", 2));   // its delay ends at 2, queued before the second's
        sim.Process(Ticker("second", 2));
        sim.Run();
        Assert.Equal(["first at 2", "second at 2", "first at 4", "second at 4"], log);

        IEnumerable<Event> Ticker(string name, double period)
        {
            for (int i = 0; i < 2; i++)
            {
                yield return sim.Delay(period);
                log.Add($"{name} at {sim.Now}");
            }
        }
    }

    [Fact]
    public void A_run_with_a_limit_stops_before_a_delay_due_at_the_limit()
    {
        var sim = new Simulation();
        int ticks = 0;
        sim.Process(Ticker());
        sim.Run(until: 3);
        Assert.Equal(2, ticks); // the tick at exactly 3 stays queued, as in SimPy
        Assert.Equal(3.0, sim.Now);
        Assert.Equal(1, sim.QueuedEventCount);
        sim.Run(until: 5.5);
        Assert.Equal(5, ticks);

        IEnumerable<Event> Ticker()
        {
            while (true)
            {
                yield return sim.Delay(1);
                ticks++;
            }
        }
    }

    [Fact]
    public void An_interrupt_at_the_current_time_still_reaches_the_process()
    {
        var sim = new Simulation();
        var log = new List<string>();
        Process? sleeper = null;
        sleeper = sim.Process(Sleeper());
        sim.Process(Interrupter());
        sim.Run();
        Assert.Equal(["interrupted at 1", "slept to 3"], log);

        IEnumerable<Event> Sleeper()
        {
            yield return sim.Delay(10);
            if (sim.ActiveProcess.HandleInterrupt() is not null) log.Add($"interrupted at {sim.Now}");
            yield return sim.Delay(2);
            log.Add($"slept to {sim.Now}");
        }

        IEnumerable<Event> Interrupter()
        {
            yield return sim.Delay(1);
            sleeper!.Interrupt();
        }
    }

    /// <summary>
    /// Recycled delays are queued only when not run at once; either way the order of everything
    /// must be the one plain timeouts give. Integer delays on a few processes make many ties.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Delays_give_the_order_and_times_of_plain_timeouts(int seed)
    {
        Assert.Equal(Trace(seed, recycled: false), Trace(seed, recycled: true));

        static List<string> Trace(int seed, bool recycled)
        {
            var random = new Random(seed);
            var plan = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 200).Select(_ => (double)random.Next(0, 4)).ToArray()).ToArray();
            var sim = new Simulation();
            var store = new Store<int>(sim);
            var log = new List<string>();
            for (int p = 0; p < plan.Length; p++) sim.Process(Body(p));
            sim.Run(until: 150);
            log.Add($"stopped at {sim.Now} with {sim.QueuedEventCount} queued, {sim.ProcessedEventCount} processed");
            return log;

            IEnumerable<Event> Body(int p)
            {
                foreach (var d in plan[p])
                {
                    yield return recycled ? sim.Delay(d) : sim.Timeout(d);
                    log.Add($"{p} at {sim.Now}");
                    if (d == 3) store.Put(p);                    // wakes a getter at the current time
                    if (d == 2 && store.Count > 0) yield return store.Get();
                }
            }
        }
    }

    [Fact]
    public void A_delay_made_but_not_yielded_still_happens()
    {
        var sim = new Simulation();
        sim.Process(Body());
        sim.Run();
        Assert.Equal(5.0, sim.Now); // the unwaited delay still moves the clock when it fires

        IEnumerable<Event> Body()
        {
            yield return sim.Delay(1);
            _ = sim.Delay(4);             // recycled, then never yielded
            yield return sim.Timeout(1);
        }
    }
}
