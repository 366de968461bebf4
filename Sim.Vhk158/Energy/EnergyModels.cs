using System.Collections.Frozen;
using Sim.Core.Errors;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Energy;

/// <summary>
/// The energy models by name, as the config's ENERGY section picks them (<c>impl:</c>, options
/// nested under the model's name, as MEMORY does). A config without the section has no energy
/// model. A new model registers its factory here.
/// </summary>
public static class EnergyModels
{
    private static readonly FrozenDictionary<string, IEnergyModelFactory> Factories =
        new IEnergyModelFactory[] { new ComponentEnergyFactory() }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyCollection<IEnergyModelFactory> All => Factories.Values;

    /// <summary>The model the ENERGY section selects, or null without one; input errors name the key.</summary>
    public static IEnergyModel? Create(HardwareConfig config)
    {
        var section = config.Component(ComponentSection.Energy);
        if (section is null) return null;
        if (section.Impl.Length == 0) throw new InputException($"{ComponentSection.Energy}.{ComponentSection.ImplKey} is missing (known: {string.Join(", ", Names)})");
        var factory = ComponentLookup.Pick(Factories, section.Impl, ComponentSection.Energy, section, Names);
        return factory.Create(config, ComponentOptions.For(config, ComponentSection.Energy, section.Impl, factory.Options));
    }

    /// <summary>The error the config's ENERGY section would raise, or null (for <c>config check</c>).</summary>
    public static string? Check(HardwareConfig config)
    {
        try { Create(config); return null; }
        catch (InputException e) { return e.Message; }
    }
}
