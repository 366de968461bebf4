using Sim.Core.Engine;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines;

/// <summary>
/// A way of modelling the accelerator: builds a machine on a <see cref="Simulation"/> that runs a
/// compiled program. Models are picked by name from the config (<see cref="MachineModels"/>); each
/// has its own options in its own section of the YAML.
/// </summary>
public interface IMachineModel
{
    /// <summary>The name the config selects it by.</summary>
    string Name { get; }

    /// <summary>
    /// Builds the machine's processes and resources on <paramref name="sim"/>. The program is
    /// consumed as the machine runs (groups are compiled just ahead of execution); every
    /// executed instruction goes to <paramref name="observer"/>.
    /// </summary>
    IMachine Build(Simulation sim, IEnumerable<CompiledGroup> program, IRunObserver observer);

    /// <summary>
    /// Work on a compiled group that the machine would otherwise do when the group reaches it
    /// (the reference machine's durations), done on the thread that compiles ahead. Optional.
    /// </summary>
    void Prepare(CompiledGroup group) { }
}
