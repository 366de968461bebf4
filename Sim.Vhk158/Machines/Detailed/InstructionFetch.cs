using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Memory;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Feeds one module's instruction stream to that module's queue on every core. With fetch on,
/// the stream is read from the DDR memory system in batches (its encoded words, spec §3.2), which
/// the fetchers of all modules share, so a module whose queue runs dry stalls; the queues are
/// bounded, so fetch runs at most a queue ahead. With fetch off the instructions are simply there.
/// </summary>
internal sealed class InstructionFetch(DetailedMachine machine, Module module, IReadOnlyList<Store<QueuedInstruction>> queues)
{
    /// <summary>Master ids of the fetchers on the DDR (one per module stream).</summary>
    public const int FetchMaster = 1000;

    public IEnumerable<Event> Run(Simulation sim)
    {
        var options = machine.Options;
        // Each module's stream is read sequentially from its own region of DDR.
        long region = machine.Ddr is { } ddrMemory ? ddrMemory.CapacityBytes / ModuleSet.Count : 0, offset = 0;
        for (int g = 0; ; g++)
        {
            Instruction[]? stream;
            int length;
            while (!machine.Feed.TryQueue(module, g, out stream, out length, out var barrier)) yield return barrier!;
            if (stream is null) break;
            for (int first = 0; first < length; first += options.FetchBatch)
            {
                int count = Math.Min(options.FetchBatch, length - first);
                if (machine.Ddr is { } ddr)
                {
                    // Every core has its own stream (one per SLR on the U280), read side by side.
                    long bytes = 4L * InstructionEncoder.Words(module) * count * queues.Count;
                    if (offset + bytes > region) offset = 0;
                    machine.Counters?.Add(ActivityCounters.Counter.DdrReadBytes, bytes);
                    yield return ddr.Transfer(new MemoryRequest(FetchMaster + (int)module, (int)module * region + offset, bytes, Write: false, AccessPattern.Sequential));
                    offset += bytes;
                }
                for (int k = first; k < first + count; k++)
                    foreach (var queue in queues)
                    {
                        var put = queue.Put(new QueuedInstruction(stream[k], g));
                        if (!put.IsTriggered) yield return put;
                    }
            }
        }
        foreach (var queue in queues)
        {
            var put = queue.Put(new QueuedInstruction(default, -1, End: true));
            if (!put.IsTriggered) yield return put;
        }
    }
}
