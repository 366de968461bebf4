using System.Globalization;
using System.Reflection;

namespace Sim.Vhk158.Config;

/// <summary>One key of the hardware config: its YAML name and the property that holds it.</summary>
public sealed record ConfigKey(string Name, PropertyInfo Property, ConfigValueKind Kind, bool Required)
{
    public object Read(HardwareConfig config) =>
        Property.GetValue(config) ?? throw new InvalidOperationException($"{Name} has no value");

    internal void Write(HardwareConfig config, object value) => Property.SetValue(config, value);

    /// <summary>
    /// The value as canonical text: invariant culture, shortest round-trip doubles, lower-case
    /// booleans. Equal values give equal text, which is what a cache key needs.
    /// </summary>
    public string Format(HardwareConfig config) => Read(config) switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        var other => throw new InvalidOperationException($"{Name}: unsupported value type {other.GetType().Name}"),
    };
}
