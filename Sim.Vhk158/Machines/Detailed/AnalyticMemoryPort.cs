using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Loads and stores priced as the artifact does (<see cref="ArtifactFormulas"/>): bytes over the
/// channels' bandwidth times a fixed same- or cross-channel efficiency, no latency, no contention.
/// This is the degenerate memory of the detailed machine, used when the config has no MEMORY section.
/// </summary>
internal sealed class AnalyticMemoryPort(HardwareConfig config, double correction) : IMemoryPort
{
    private readonly ArtifactFormulas _formulas = new(config);

    public double Start(in Instruction i, int core, double share, int group) => Price(i, share);

    public double Price(in Instruction i, double share) =>
        (i.Module == Module.LD ? _formulas.Load(i) : _formulas.Store(i)) * share / correction;
}
