using Sim.Core.Engine;

namespace Sim.Core.Resources;

/// <summary>A put waiting for room in a full <see cref="Store{T}"/>.</summary>
public sealed class StorePut<T> : ResourceEvent
{
    internal StorePut(Simulation simulation, T item) : base(simulation)
    {
        Item = item;
    }

    /// <summary>The item to put.</summary>
    public T Item { get; }
}
