using Sim.Core.Engine;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
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
        IMemoryPort memory = new AnalyticMemoryPort(config, options.CorrectionFactor);
        return new DetailedMachine(sim, program, options, pricing, memory, observer);
    }
}
