using Sim.Core.Engine;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory;

/// <summary>Makes a memory system by name: one per implementation in <see cref="MemoryModels"/>.</summary>
public interface IMemoryModelFactory
{
    string Name { get; }

    /// <summary>A line for listings: what the model is.</summary>
    string Description { get; }

    /// <summary>The options it takes under <c>SECTION.NAME</c> (MEMORY or DDR).</summary>
    IReadOnlyList<ComponentOption> Options { get; }

    IMemorySystem Create(Simulation sim, HardwareConfig config, ComponentOptions options);
}
