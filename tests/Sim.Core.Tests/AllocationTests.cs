using Sim.Core.Analysis;
using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;

namespace Sim.Core.Tests;

/// <summary>The hot paths that promise not to allocate: recycled delays, puts with room, reused gets.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AStorePipelineRunsWithoutAllocatingOnceWarm(bool monitored)
    {
        var sim = new Simulation();
        var links = new Store<int>[4];
        for (int s = 0; s < links.Length; s++)
        {
            links[s] = new Store<int>(sim, capacity: 4);
            if (monitored) links[s].Monitor = new ResourceMonitor();
        }
        sim.Process(Source(links[0]));
        for (int s = 0; s + 1 < links.Length; s++) sim.Process(Stage(links[s], links[s + 1], 1 + s * 0.25));
        sim.Process(Sink(links[^1]));
        sim.Run(until: 1_000); // warm: arrays grown, iterators and events made

        long before = GC.GetAllocatedBytesForCurrentThread();
        long events = sim.ProcessedEventCount;
        sim.Run(until: 2_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sim.ProcessedEventCount - events > 1_000); // it did run
        Assert.Equal(0, allocated);

        IEnumerable<Event> Source(Store<int> output)
        {
            for (int i = 0; ; i++)
            {
                yield return sim.Delay(2); // slower than every stage: puts always find room
                yield return output.Put(i);
            }
        }

        IEnumerable<Event> Stage(Store<int> input, Store<int> output, double duration)
        {
            StoreGet<int>? get = null;
            while (true)
            {
                get = input.Get(get);
                yield return get;
                yield return sim.Delay(duration);
                yield return output.Put(get.Item);
            }
        }

        IEnumerable<Event> Sink(Store<int> input)
        {
            StoreGet<int>? get = null;
            while (true) yield return get = input.Get(get);
        }
    }
}
