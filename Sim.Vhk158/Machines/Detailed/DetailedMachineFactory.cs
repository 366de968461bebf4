using Sim.Core.Errors;
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

    public IMachineModel Create(HardwareConfig config, ComponentOptions options)
    {
        var detailed = DetailedOptions.From(options);
        if (detailed.InstructionMemory == InstructionMemoryKind.Hbm)
        {
            string key = $"{ComponentSection.Machine}.{ModelName}.{DetailedOptions.InstructionMemoryOption}";
            // Without a MEMORY section loads and stores keep the artifact's formulas: no HBM model to share with fetch.
            if (config.Component(ComponentSection.Memory) is null)
                throw new InputException($"{key}: hbm needs a MEMORY section (instruction fetch shares the HBM model with loads and stores)");
            int pc = DetailedMachine.InstructionChannel(detailed, config);
            if (pc >= config.HbmChannelNum)
                throw new InputException($"{key}: hbm puts the instructions on PC {pc} (" +
                    (detailed.InstructionPc >= 0 ? DetailedOptions.InstructionPcOption : "INST_HBM_CHANNEL_ID") + $"), but HBM_CHANNEL_NUM is {config.HbmChannelNum}");
        }
        return new DetailedMachineModel(config, detailed);
    }
}
