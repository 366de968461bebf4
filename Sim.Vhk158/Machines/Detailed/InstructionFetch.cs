using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Core.Resources;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Feeds one module's instruction stream to that module's queue on every core. With fetch on,
/// the stream is read from DDR in batches (its encoded words, spec §3.2) over a DDR channel that
/// the fetchers of all modules share, so a module whose queue runs dry stalls; the queues are
/// bounded, so fetch runs at most a queue ahead. With fetch off the instructions are simply there.
/// </summary>
internal sealed class InstructionFetch(DetailedMachine machine, Module module, IReadOnlyList<Store<QueuedInstruction>> queues)
{
    public IEnumerable<Event> Run(Simulation sim)
    {
        var options = machine.Options;
        for (int g = 0; ; g++)
        {
            Instruction[]? stream;
            int length;
            while (!machine.Feed.TryQueue(module, g, out stream, out length, out var barrier)) yield return barrier!;
            if (stream is null) break;
            for (int first = 0; first < length; first += options.FetchBatch)
            {
                int count = Math.Min(options.FetchBatch, length - first);
                if (options.FetchFromDdr)
                {
                    // One burst train per batch: the DDR latency once, then the words at the channel's bandwidth.
                    var ddr = machine.Ddr.Request();
                    if (!ddr.IsTriggered) yield return ddr;
                    long bytes = 4L * InstructionEncoder.Words(module) * count;
                    double ms = options.DdrLatencyNs * 1e-6 + bytes / (options.DdrGBPerSec * 1e9) * 1e3;
                    yield return sim.Delay(ms);
                    machine.Ddr.Release(ddr);
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
