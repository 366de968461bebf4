namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>How masters reach channels (a crossbar, a NoC, or directly): the cost of each master-to-channel path.</summary>
public interface IInterconnect
{
    /// <summary>The implementation's name, as INTERCONNECT.impl selects it.</summary>
    string Name { get; }

    /// <summary>The path from <paramref name="master"/> (its port: master modulo the port count) to <paramref name="channel"/>.</summary>
    PathCost Path(int master, int channel, bool write);
}
