using Sim.Core.Engine;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>Builds <see cref="ReferenceMachine"/>s that price instructions with one <see cref="ReferencePricing"/>.</summary>
public sealed class ReferenceMachineModel(ReferencePricing pricing) : IMachineModel
{
    public string Name => ReferenceMachineFactory.ModelName;

    public ReferencePricing Pricing => pricing;

    public IMachine Build(Simulation sim, IEnumerable<CompiledGroup> program, IRunObserver observer) =>
        new ReferenceMachine(sim, program, pricing, observer);

    public void Prepare(CompiledGroup group) => pricing.Durations(group.Instructions);
}
