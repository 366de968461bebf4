using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Config;

/// <summary>
/// The optional <c>MACHINE</c> section of a config: which machine model runs the program
/// (<c>impl</c>) and, nested under each model's name, that model's own options, as Ramulator 2
/// nests an implementation's options under it:
/// <code>
/// MACHINE:
///   impl: reference
///   reference:
///     correction_factor: 3.2
/// </code>
/// Without the section the model is the one TIMING_MODEL names, so the artifact's flat
/// <c>config.yaml</c> loads unchanged. Which options a model takes is the model's business
/// (checked when the machine is built); here they are kept as text.
/// </summary>
public sealed record MachineSection(string Impl, ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> Options)
{
    public const string Key = "MACHINE";
    public const string ImplKey = "impl";

    /// <summary>The options given for model <paramref name="impl"/> (empty when none).</summary>
    public IReadOnlyDictionary<string, string> For(string impl) =>
        Options.TryGetValue(impl, out var o) ? o : ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The section as flat entries (<c>MACHINE.impl</c>, <c>MACHINE.MODEL.OPTION</c>), sorted, for cache keys.</summary>
    public IEnumerable<ConfigEntry> Entries()
    {
        yield return new ConfigEntry($"{Key}.{ImplKey}", Impl);
        foreach (var (model, options) in Options)
        foreach (var (name, value) in options)
            yield return new ConfigEntry($"{Key}.{model}.{name}", value);
    }

    /// <summary>This section with one dotted key set (<c>MACHINE.impl</c> or <c>MACHINE.MODEL.OPTION</c>), for sweeps.</summary>
    public static MachineSection? With(MachineSection? section, string dottedKey, string value, out string? error)
    {
        error = null;
        var parts = dottedKey.Split('.');
        var current = section ?? new MachineSection("", ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty.WithComparers(StringComparer.Ordinal));
        if (parts.Length == 2 && parts[1] == ImplKey)
            return current with { Impl = value };
        if (parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0)
        {
            var options = current.Options.TryGetValue(parts[1], out var o) ? o : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
            return current with { Options = current.Options.SetItem(parts[1], options.SetItem(parts[2], value)) };
        }
        error = $"'{dottedKey}': expected {Key}.{ImplKey} or {Key}.MODEL.OPTION";
        return null;
    }

    /// <summary>Reads the section's YAML; problems go to <paramref name="errors"/> with their lines.</summary>
    public static MachineSection? Read(YamlNode node, string file, List<ConfigError> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError(file, (int)node.Start.Line, $"{Key}: expected a mapping with '{ImplKey}: MODEL' and the model's options under its name"));
            return null;
        }
        string? impl = null;
        var options = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            int line = (int)keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                errors.Add(new ConfigError(file, line, $"{Key}: keys must be plain names"));
                continue;
            }
            if (key == ImplKey)
            {
                if (value is YamlScalarNode { Value: { Length: > 0 } name }) impl = name;
                else errors.Add(new ConfigError(file, line, $"{Key}.{ImplKey}: expected the name of a machine model"));
                continue;
            }
            if (value is not YamlMappingNode modelOptions)
            {
                errors.Add(new ConfigError(file, line, $"{Key}.{key}: expected a mapping of the options of machine model '{key}'"));
                continue;
            }
            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (optionKey, optionValue) in modelOptions.Children)
            {
                int optionLine = (int)optionKey.Start.Line;
                if (optionKey is YamlScalarNode { Value: { Length: > 0 } option } && optionValue is YamlScalarNode { Value: { } text })
                    builder[option] = text.Trim();
                else
                    errors.Add(new ConfigError(file, optionLine, $"{Key}.{key}: expected 'option: value' lines"));
            }
            options[key] = builder.ToImmutable();
        }
        if (impl is null)
        {
            errors.Add(new ConfigError(file, (int)node.Start.Line, $"{Key}: missing '{ImplKey}: MODEL' (which machine model to use)"));
            return null;
        }
        return new MachineSection(impl, options.ToImmutable());
    }
}
