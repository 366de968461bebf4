using Sim.Core.Engine;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>Builds <see cref="DetailedMachine"/>s for one config and set of options.</summary>
public sealed class DetailedMachineModel(HardwareConfig config, DetailedOptions options) : IMachineModel
{
    public string Name => DetailedMachineFactory.ModelName;

    public DetailedOptions Options => options;

    public IMachine Build(Simulation sim, IEnumerable<CompiledGroup> program, IRunObserver observer)
    {
        var pricing = new DatapathPricing(config, options);
        // Without a MEMORY section loads and stores keep the reference's formulas (no contention).
        IMemorySystem? hbm = config.Component(ComponentSection.Memory) is null ? null : MemoryModels.CreateHbm(sim, config);
        IMemoryPort memory = hbm is null ? new AnalyticMemoryPort(config, options.CorrectionFactor) : new SystemMemoryPort(sim, hbm, config, options);
        // DDR holds the instruction streams (instruction_memory: ddr) and the SFU's lookup tables.
        var ddr = options.InstructionMemory == InstructionMemoryKind.Ddr || options.ReadsLookupTables ? MemoryModels.CreateDdr(sim, config) : null;
        var machine = new DetailedMachine(sim, program, options, config, pricing, memory, hbm, ddr, observer);
        if (observer.WatchesResources)
        {
            hbm?.Watch(observer);
            ddr?.Watch(observer);
        }
        return machine;
    }
}
