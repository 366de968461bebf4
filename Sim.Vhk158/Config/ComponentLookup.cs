using System.Collections.Frozen;
using Sim.Core.Errors;

namespace Sim.Vhk158.Config;

/// <summary>Finds the implementation a component section names among a registry's, with one input error naming the key when it cannot.</summary>
public static class ComponentLookup
{
    /// <summary>The factory named <paramref name="name"/>; an input error naming <paramref name="key"/> when it, or a model the section configures, is unknown.</summary>
    public static T Pick<T>(FrozenDictionary<string, T> factories, string name, string key, ComponentSection? section, IReadOnlyList<string> names)
    {
        if (!factories.TryGetValue(name, out var factory))
            throw new InputException($"{key}.{ComponentSection.ImplKey} '{name}' is not a known model (known: {string.Join(", ", names)})");
        if (section is not null)
            foreach (var model in section.Options.Keys.Where(m => !factories.ContainsKey(m)))
                throw new InputException($"{key}.{model}: '{model}' is not a known model (known: {string.Join(", ", names)})");
        return factory;
    }
}
