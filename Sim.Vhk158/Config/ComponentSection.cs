using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Config;

/// <summary>
/// An optional component section of a config (<c>MACHINE</c>, <c>MEMORY</c>, <c>DDR</c>,
/// <c>INTERCONNECT</c>): which implementation of the component to use (<c>impl</c>) and, nested
/// under each implementation's name, that implementation's own options, as Ramulator 2 nests an
/// implementation's options under it:
/// <code>
/// MACHINE:
///   impl: reference
///   reference:
///     correction_factor: 3.2
/// </code>
/// Without a MACHINE section the machine model is the one TIMING_MODEL names, so the artifact's
/// flat <c>config.yaml</c> loads unchanged. Which options an implementation takes is its own
/// business (checked when it is built); here they are kept as text.
/// </summary>
public sealed record ComponentSection(string Key, string Impl, ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> Options)
{
    public const string ImplKey = "impl";

    /// <summary>The sections a config may have, in file order.</summary>
    public static readonly IReadOnlyList<string> Known = [Machine, Memory, Ddr, Interconnect, Energy];

    public const string Machine = "MACHINE";
    public const string Memory = "MEMORY";
    public const string Ddr = "DDR";
    public const string Interconnect = "INTERCONNECT";
    public const string Energy = "ENERGY";

    /// <summary>The options given for model <paramref name="impl"/> (empty when none).</summary>
    public IReadOnlyDictionary<string, string> For(string impl) =>
        Options.TryGetValue(impl, out var o) ? o : ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The section as flat entries (<c>KEY.impl</c>, <c>KEY.MODEL.OPTION</c>), sorted, for cache keys.</summary>
    public IEnumerable<ConfigEntry> Entries()
    {
        yield return new ConfigEntry($"{Key}.{ImplKey}", Impl);
        foreach (var (model, options) in Options)
        foreach (var (name, value) in options)
            yield return new ConfigEntry($"{Key}.{model}.{name}", value);
    }

    /// <summary>This section with one dotted key set (<c>KEY.impl</c> or <c>KEY.MODEL.OPTION</c>), for sweeps.</summary>
    public static ComponentSection? With(ComponentSection? section, string dottedKey, string value, out string? error)
    {
        error = null;
        var parts = dottedKey.Split('.');
        var current = section ?? new ComponentSection(parts[0], "", ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty.WithComparers(StringComparer.Ordinal));
        if (parts.Length == 2 && parts[1] == ImplKey)
            return current with { Impl = value };
        if (parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0)
        {
            var options = current.Options.TryGetValue(parts[1], out var o) ? o : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
            return current with { Options = current.Options.SetItem(parts[1], options.SetItem(parts[2], value)) };
        }
        error = $"'{dottedKey}': expected {parts[0]}.{ImplKey} or {parts[0]}.NAME.OPTION";
        return null;
    }

    /// <summary>Reads the section's YAML; problems go to <paramref name="errors"/> with their lines.</summary>
    public static ComponentSection? Read(string Key, YamlNode node, string file, List<ConfigError> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError(file, (int)node.Start.Line, $"{Key}: expected a mapping with '{ImplKey}: NAME' and the implementation's options under its name"));
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
                errors.Add(new ConfigError(file, line, $"{Key}.{key}: expected a mapping of the options of implementation '{key}'"));
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
            errors.Add(new ConfigError(file, (int)node.Start.Line, $"{Key}: missing '{ImplKey}: NAME' (which implementation to use)"));
            return null;
        }
        return new ComponentSection(Key, impl, options.ToImmutable());
    }
}
