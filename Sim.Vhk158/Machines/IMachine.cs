using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines;

/// <summary>A machine built on a simulation by an <see cref="IMachineModel"/>.</summary>
public interface IMachine
{
    /// <summary>Its units, as observers see them.</summary>
    MachineLayout Layout { get; }

    /// <summary>
    /// After the simulation has run: checks that the program completed (token balance, no
    /// deadlock, no leftover tokens), throwing an input error naming <paramref name="source"/>
    /// otherwise, and returns the latency in ms.
    /// </summary>
    double Complete(string source);
}
