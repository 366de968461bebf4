using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory.Benchmarks;

/// <summary>
/// Drives masters' transfers through the HBM model a config selects (MEMORY and INTERCONNECT
/// sections, as the machines build it) and measures the sustained bandwidth: bytes moved over
/// the time the last master finished.
/// </summary>
public static class MemoryBenchmark
{
    public static MemoryBenchmarkResult Run(HardwareConfig config, MemoryBenchmarkSpec spec)
    {
        var sim = new Simulation();
        var memory = MemoryModels.CreateHbm(sim, config);
        int pcs = memory.Units.Count;
        long pcBytes = memory.CapacityBytes / pcs;
        int channels = spec.Channels;
        if (channels < 1 || channels > pcs)
            throw new InputException($"--channels {channels}: the memory '{memory.Name}' has {pcs} channels (expected 1 to {pcs})");
        if (spec.RequestBytes < 1)
            throw new InputException($"--bytes {spec.RequestBytes}: expected a request size of at least 1 byte");
        int masters = spec.AllChannels ? channels : spec.Masters;
        if (masters < 1)
            throw new InputException($"--masters {masters}: expected at least one master");
        long range = channels * pcBytes;
        long total = 0;
        for (int m = 0; m < masters; m++)
        {
            (long address, long bytes) = spec.AllChannels ? (m * pcBytes, pcBytes)
                : spec.Pattern == AccessPattern.Random ? (0, range)
                : (range * m / masters, range * (m + 1) / masters - range * m / masters);
            if (bytes == 0) continue;
            total += bytes;
            memory.Transfer(new MemoryRequest(m, address, bytes, spec.Write, spec.Pattern, spec.RequestBytes));
        }
        sim.Run();
        double ms = sim.Now;
        string interconnect = memory is ChannelMemory c ? c.InterconnectName : "";
        return new MemoryBenchmarkResult(memory.Name, interconnect, spec, masters, total, ms, total / (ms * 1e6));
    }
}
