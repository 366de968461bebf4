using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>A put waiting for room in a full <see cref="Store{T}"/>.</summary>
internal sealed class StorePut<T>(Simulation simulation, T item) : Event(simulation, external: false)
{
    public T Item { get; } = item;
}
