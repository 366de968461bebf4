using Sim.Vhk158.Config;

namespace Sim.Vhk158.Energy;

/// <summary>Makes an energy model by name: one per implementation in <see cref="EnergyModels"/>.</summary>
public interface IEnergyModelFactory
{
    string Name { get; }

    /// <summary>A line for listings: what the model is.</summary>
    string Description { get; }

    /// <summary>The options it takes under <c>ENERGY.NAME</c>.</summary>
    IReadOnlyList<ComponentOption> Options { get; }

    IEnergyModel Create(HardwareConfig config, ComponentOptions options);
}
