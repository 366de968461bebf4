using System.Collections.Frozen;
using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory.Interconnect;

namespace Sim.Vhk158.Memory;

/// <summary>
/// The memory models by name: the HBM model the MEMORY section picks (<c>fixed</c> without one, so
/// the artifact's flat files keep their meaning) and the DDR model the DDR section picks
/// (<c>ddr</c>). A new model registers its factory here.
/// </summary>
public static class MemoryModels
{
    private static readonly FrozenDictionary<string, IMemoryModelFactory> HbmFactories =
        new IMemoryModelFactory[] { new FixedHbmFactory(), new Hbm2Factory() }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, IMemoryModelFactory> DdrFactories =
        new IMemoryModelFactory[] { new DdrFactory() }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> HbmNames { get; } = HbmFactories.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> DdrNames { get; } = DdrFactories.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyCollection<IMemoryModelFactory> Hbm => HbmFactories.Values;

    public static IReadOnlyCollection<IMemoryModelFactory> Ddr => DdrFactories.Values;

    /// <summary>The HBM the MEMORY section selects (with its interconnect), built on <paramref name="sim"/>; input errors name the key.</summary>
    public static IMemorySystem CreateHbm(Simulation sim, HardwareConfig config) =>
        Create(sim, config, ComponentSection.Memory, FixedHbmFactory.ModelName, HbmFactories, HbmNames);

    /// <summary>The DDR the DDR section selects, built on <paramref name="sim"/>.</summary>
    public static IMemorySystem CreateDdr(Simulation sim, HardwareConfig config) =>
        Create(sim, config, ComponentSection.Ddr, DdrFactory.ModelName, DdrFactories, DdrNames);

    /// <summary>The error the config's MEMORY, INTERCONNECT or DDR sections would raise, or null (for <c>config check</c>).</summary>
    public static string? Check(HardwareConfig config)
    {
        try
        {
            var sim = new Simulation();
            CreateHbm(sim, config);
            CreateDdr(sim, config);
            return null;
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }

    private static IMemorySystem Create(Simulation sim, HardwareConfig config, string key, string fallback,
        FrozenDictionary<string, IMemoryModelFactory> factories, IReadOnlyList<string> names)
    {
        var section = config.Component(key);
        var name = section is { Impl.Length: > 0 } ? section.Impl : fallback;
        var factory = ComponentLookup.Pick(factories, name, key, section, names);
        return factory.Create(sim, config, ComponentOptions.For(config, key, name, factory.Options));
    }
}
