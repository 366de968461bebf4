using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using Sim.Core.Text;
using YamlDotNet.Serialization;

namespace Sim.Vhk158.Config;

/// <summary>
/// Every key of <see cref="HardwareConfig"/>, found once by reflection over the
/// <see cref="YamlMemberAttribute"/> aliases and kept in immutable tables. The order is the
/// properties' declaration order, which is the reference file's order.
/// </summary>
public static class ConfigKeyTable
{
    public static ImmutableArray<ConfigKey> All { get; } = Build();

    private static readonly FrozenDictionary<string, ConfigKey> ByName =
        All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ConfigKey> ByProperty =
        All.ToFrozenDictionary(k => k.Property.Name, StringComparer.Ordinal);

    public static ConfigKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The key by YAML name; for names written in code, where a miss is a bug.</summary>
    public static ConfigKey Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"'{name}' is not a hardware config key");

    /// <summary>The key held by a property of <see cref="HardwareConfig"/>, by property name.</summary>
    public static ConfigKey ForProperty(string propertyName) =>
        ByProperty.GetValueOrDefault(propertyName)
        ?? throw new KeyNotFoundException($"HardwareConfig.{propertyName} is not a config key");

    /// <summary>The known key closest to a misspelt one, or null when none is close.</summary>
    public static string? Suggest(string unknownName) =>
        EditDistance.Closest(unknownName, All.Select(k => k.Name));

    private static ImmutableArray<ConfigKey> Build() =>
        typeof(HardwareConfig)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<YamlMemberAttribute>()?.Alias is not null)
            .OrderBy(p => p.MetadataToken) // declaration order, independent of reflection's whims
            .Select(p => new ConfigKey(
                p.GetCustomAttribute<YamlMemberAttribute>()!.Alias!,
                p,
                KindOf(p),
                Required: p.GetCustomAttribute<OptionalKeyAttribute>() is null))
            .ToImmutableArray();

    private static ConfigValueKind KindOf(PropertyInfo p) =>
        p.PropertyType == typeof(int) ? ConfigValueKind.Integer
        : p.PropertyType == typeof(double) ? ConfigValueKind.Number
        : p.PropertyType == typeof(bool) ? ConfigValueKind.Boolean
        : p.PropertyType == typeof(string) ? ConfigValueKind.Text
        : throw new InvalidOperationException($"HardwareConfig.{p.Name}: unsupported type {p.PropertyType.Name}");
}
