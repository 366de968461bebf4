using Sim.Vhk158.Config;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// The <c>detailed</c> machine model: cores, engines, instruction fetch and memory as contended
/// DES resources. With one core, the reference's memory formulas, no fetch, unbounded queues and
/// a correction factor of 3.2 it reproduces the reference machine exactly (a test on the 144
/// reference files keeps both honest).
/// </summary>
public sealed class DetailedMachineFactory : IMachineModelFactory
{
    public const string ModelName = "detailed";

    public string Name => ModelName;

    public string Description => "N cores with module queues, a shared MPE and an SFU each, instruction fetch from DDR, memory through a contended model, a SYS barrier across cores";

    public IReadOnlyList<ComponentOption> Options => DetailedOptions.Declared;

    public IMachineModel Create(HardwareConfig config, ComponentOptions options) =>
        new DetailedMachineModel(config, DetailedOptions.From(options));
}
