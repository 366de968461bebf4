namespace Sim.Vhk158.Config;

/// <summary>The value types a hardware config key can have.</summary>
public enum ConfigValueKind
{
    Integer,
    Number,
    Boolean,
    Text,
}

public static class ConfigValueKindExtensions
{
    /// <summary>How error messages name the expected type.</summary>
    public static string Describe(this ConfigValueKind kind) => kind switch
    {
        ConfigValueKind.Integer => "an integer",
        ConfigValueKind.Number => "a number",
        ConfigValueKind.Boolean => "a boolean (true or false)",
        ConfigValueKind.Text => "a string",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
