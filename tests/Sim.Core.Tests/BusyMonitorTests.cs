using Sim.Core.Analysis;
using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>Busy-interval monitors on processes and by hand.</summary>
public class BusyMonitorTests
{
    [Fact]
    public void ProcessMonitorRecordsTimeoutsAndMergesBackToBackOnes()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var unit = sim.Process(Unit(), "mm");
        unit.Monitor = new BusyMonitor();
        sim.Process(Feeder());
        sim.Run();
        // Busy 0..2 and 2..3 back to back (merged), idle waiting for the token until 5, busy 5..6.
        Assert.Equal([new BusyInterval(0, 3, "mm"), new BusyInterval(5, 6, "mm")], unit.Monitor.Intervals);
        Assert.Equal(4.0, unit.Monitor.BusyTime);
        Assert.Equal(4.0 / 6.0, unit.Monitor.Utilization(0, 6));
        Assert.Equal(0.5, unit.Monitor.Utilization(2, 6));

        IEnumerable<Event> Unit()
        {
            yield return sim.Timeout(2);
            yield return sim.Timeout(1);
            yield return store.Get();
            yield return sim.Timeout(1);
        }

        IEnumerable<Event> Feeder()
        {
            yield return sim.Timeout(5);
            yield return store.Put(1);
        }
    }

    [Fact]
    public void MonitorAttachedDuringAWaitRecordsThatWholeWait()
    {
        var sim = new Simulation();
        var monitor = new BusyMonitor();
        var p = sim.Process(Body(), "x");
        sim.Run(until: 1);
        Assert.Empty(monitor.Intervals);
        p.Monitor = monitor; // attached inside the 0..2 timeout
        sim.Run();
        Assert.Equal([new BusyInterval(0, 5, "x")], monitor.Intervals);

        IEnumerable<Event> Body()
        {
            yield return sim.Timeout(2);
            yield return sim.Timeout(3);
        }
    }

    [Fact]
    public void ManualRecordsKeepLabelsAndRejectBackwardSpans()
    {
        var monitor = new BusyMonitor("sfu");
        monitor.Record(0, 1, "softmax");
        monitor.Record(1, 2, "layernorm"); // adjacent but another label: kept apart
        monitor.Record(2, 2, "empty");     // empty: ignored
        monitor.Record(3, 4, "layernorm");
        Assert.Equal(
            [new BusyInterval(0, 1, "softmax"), new BusyInterval(1, 2, "layernorm"), new BusyInterval(3, 4, "layernorm")],
            monitor.Intervals);
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.Record(5, 4, "bad"));
        Assert.Equal(0.5 + 1 + 0.5, monitor.BusyTimeWithin(0.5, 3.5));
    }
}
