using System.Collections.Frozen;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>
/// The interconnects by name, picked by the INTERCONNECT section (<c>impl: crossbar|noc|direct</c>).
/// It is a section of its own rather than an option of the memory model because the same DRAM
/// model sits behind either (HBM2 behind the U280 crossbar, HBM2e behind the Versal NoC) and a
/// sweep may swap one without touching the other. Without the section, masters reach channels directly.
/// </summary>
public static class Interconnects
{
    private static readonly FrozenDictionary<string, IInterconnectFactory> Factories =
        new IInterconnectFactory[] { new DirectInterconnect(), new SegmentedCrossbarFactory(), new VersalNocFactory() }
            .ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyCollection<IInterconnectFactory> All => Factories.Values;

    /// <summary>The interconnect <paramref name="config"/> selects for a memory of <paramref name="channels"/> channels.</summary>
    public static IInterconnect Create(HardwareConfig config, int channels)
    {
        var section = config.Component(ComponentSection.Interconnect);
        var name = section is { Impl.Length: > 0 } ? section.Impl : DirectInterconnect.ModelName;
        var factory = ComponentLookup.Pick(Factories, name, ComponentSection.Interconnect, section, Names);
        return factory.Create(ComponentOptions.For(config, ComponentSection.Interconnect, name, factory.Options), channels);
    }
}
