using Sim.Core.Engine;

namespace Sim.Core.Resources;

/// <summary>A put or get of a <see cref="Container"/> that has to wait for room or content.</summary>
public sealed class ContainerRequest : ResourceEvent
{
    internal ContainerRequest(Simulation simulation, double amount) : base(simulation)
    {
        Amount = amount;
    }

    /// <summary>The amount to put or get.</summary>
    public double Amount { get; }
}
