using Sim.Vhk158.Config;

namespace Sim.Vhk158.Machines;

/// <summary>Makes a machine model for a config: one per model name in <see cref="MachineModels"/>.</summary>
public interface IMachineModelFactory
{
    string Name { get; }

    /// <summary>A line for listings: what the model is.</summary>
    string Description { get; }

    /// <summary>The options the model takes under <c>MACHINE.NAME</c>.</summary>
    IReadOnlyList<ComponentOption> Options { get; }

    /// <summary>The model for <paramref name="config"/>; throws an input error for a config it cannot run.</summary>
    IMachineModel Create(HardwareConfig config, ComponentOptions options);
}
