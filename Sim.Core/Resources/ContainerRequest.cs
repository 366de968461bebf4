using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>A put or get of a <see cref="Container"/> that has to wait.</summary>
internal sealed class ContainerRequest(Simulation simulation, double amount) : Event(simulation, external: false)
{
    public double Amount { get; } = amount;
}
