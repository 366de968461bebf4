using System.Collections.Frozen;
using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines.Detailed;
using Sim.Vhk158.Machines.Reference;

namespace Sim.Vhk158.Machines;

/// <summary>
/// The machine models by name. A config picks one with <c>MACHINE: {impl: NAME}</c> (or, as the
/// artifact's files do, with TIMING_MODEL); a new model registers its factory here and appears in
/// every verb at once.
/// </summary>
public static class MachineModels
{
    private static readonly FrozenDictionary<string, IMachineModelFactory> Factories =
        new IMachineModelFactory[] { new ReferenceMachineFactory(), new DetailedMachineFactory() }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyCollection<IMachineModelFactory> All => Factories.Values;

    /// <summary>The model <paramref name="config"/> selects, with its options checked; input errors name the key.</summary>
    public static IMachineModel Create(HardwareConfig config)
    {
        var name = config.MachineName;
        if (!Factories.TryGetValue(name, out var factory))
        {
            var key = config.Machine is { Impl.Length: > 0 } ? $"{ComponentSection.Machine}.{ComponentSection.ImplKey}" : "TIMING_MODEL";
            throw new InputException($"{key} '{name}' is not a known machine model (known: {string.Join(", ", Names)})");
        }
        if (config.Machine is { } section)
            foreach (var model in section.Options.Keys.Where(m => m != name && !Factories.ContainsKey(m)))
                throw new InputException($"{ComponentSection.Machine}.{model}: '{model}' is not a known machine model (known: {string.Join(", ", Names)})");
        var options = new ComponentOptions(ComponentSection.Machine, name, factory.Options, config.Machine?.For(name) ?? new Dictionary<string, string>());
        return factory.Create(config, options);
    }

    /// <summary>The error a config's machine selection would raise, or null when it is fine (for <c>config check</c>).</summary>
    public static string? Check(HardwareConfig config)
    {
        try
        {
            Create(config);
            return null;
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }
}
