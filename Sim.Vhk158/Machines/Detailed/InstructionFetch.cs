using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Feeds one module's instruction stream to that module's queue on every core. With the streams in
/// a memory (<c>instruction_memory: ddr|hbm</c>) the stream is read from its region in batches
/// (its encoded words, spec §3.2): a batch is read once the queues have room for all of it and
/// lands in every core's queue at once, so a module whose queue runs dry stalls and fetch runs at
/// most a queue ahead; the reads contend with the memory's other traffic. With resident streams
/// the instructions are simply there.
/// </summary>
/// <param name="stream">where the module's encoded stream lies (null: resident)</param>
/// <param name="report">reports each read's span (on an HBM channel's row), or null</param>
internal sealed class InstructionFetch(DetailedMachine machine, Module module, IReadOnlyList<InstructionQueue> queues, MemoryRegion? stream,
    Action<Instruction, double, double, int>? report = null)
{
    /// <summary>Master ids of the fetchers on the DDR (one per module stream).</summary>
    public const int FetchMaster = 1000;

    public IEnumerable<Event> Run(Simulation sim)
    {
        int batch = Math.Min(machine.Options.FetchBatch, queues.Min(q => q.Capacity));
        long offset = 0;
        var counter = machine.Options.InstructionMemory == InstructionMemoryKind.Hbm
            ? ActivityCounters.Counter.HbmReadBytes : ActivityCounters.Counter.DdrReadBytes;
        for (int g = 0; ; g++)
        {
            Instruction[]? instructions;
            int length;
            while (!machine.Feed.TryQueue(module, g, out instructions, out length, out var barrier)) yield return barrier!;
            if (instructions is null) break;
            for (int first = 0; first < length; first += batch)
            {
                int count = Math.Min(batch, length - first);
                foreach (var queue in queues)
                    if (queue.WaitForRoom(count) is { } room) yield return room;
                if (stream is not null)
                {
                    // Every core has its own stream (one per SLR on the U280), read side by side.
                    long bytes = 4L * InstructionEncoder.Words(module) * count * queues.Count;
                    if (offset + bytes > stream.Length) offset = 0;
                    machine.Counters?.Add(counter, bytes);
                    double start = sim.Now;
                    var pending = stream.Read(offset, bytes, out double delay);
                    yield return pending ?? sim.Delay(delay);
                    report?.Invoke(instructions[first], start, sim.Now - start, g);
                    offset += bytes;
                }
                foreach (var queue in queues)
                    for (int k = first; k < first + count; k++) queue.Add(new QueuedInstruction(instructions[k], g));
            }
        }
        foreach (var queue in queues)
        {
            if (queue.WaitForRoom(1) is { } room) yield return room;
            queue.Add(new QueuedInstruction(default, -1, End: true));
        }
    }
}
