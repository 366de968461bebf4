using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>Makes an interconnect by name: one per implementation in <see cref="Interconnects"/>.</summary>
public interface IInterconnectFactory
{
    string Name { get; }

    string Description { get; }

    /// <summary>The options it takes under <c>INTERCONNECT.NAME</c>.</summary>
    IReadOnlyList<ComponentOption> Options { get; }

    /// <param name="channels">how many channels the memory behind it has</param>
    IInterconnect Create(ComponentOptions options, int channels);
}
