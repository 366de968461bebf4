using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Config;

/// <summary>
/// Turns a YAML value node into the value of a config key, or says why it cannot. Integers must be
/// written as integers; numbers accept integers (<c>CLOCK_FREQ_MHZ: 225</c>); booleans take the
/// YAML spellings the reference uses (<c>False</c>). A quoted value is a string, as it is for
/// PyYAML, so <c>MAX_LEN: "2048"</c> is rejected rather than silently converted.
/// </summary>
internal static partial class ConfigValueParser
{
    /// <summary>The parsed value, or the error "expected ..., got ..." (without the key).</summary>
    public readonly record struct Result(object? Value, string? Error)
    {
        public static Result Ok(object value) => new(value, null);
        public static Result Fail(string error) => new(null, error);
    }

    public static Result Parse(ConfigValueKind kind, YamlNode node)
    {
        var expected = kind.Describe();
        if (node is not YamlScalarNode scalar)
            return Result.Fail($"expected {expected}, got {(node is YamlSequenceNode ? "a list" : "a mapping")}");

        var text = scalar.Value ?? "";
        var quoted = scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any);
        if (!quoted && IsNull(text))
            return Result.Fail($"expected {expected}, got no value");
        // An explicit tag would be dropped silently (MAX_LEN: !!str 2048 read as 2048): only the kind's own.
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value.Replace("tag:yaml.org,2002:", "") is var tag && !TagFits(kind, tag))
            return Result.Fail($"expected {expected}, got the tag '!!{tag}' (remove it)");
        if (kind == ConfigValueKind.Text)
            return Result.Ok(text);
        if (quoted)
            return Result.Fail($"expected {expected}, got the quoted string '{text}' (remove the quotes)");

        return kind switch
        {
            ConfigValueKind.Integer => ParseInteger(text, expected),
            ConfigValueKind.Number => ParseNumber(text, expected),
            ConfigValueKind.Boolean => ParseBoolean(text, expected),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static bool TagFits(ConfigValueKind kind, string tag) => kind switch
    {
        ConfigValueKind.Integer => tag == "int",
        ConfigValueKind.Number => tag is "int" or "float",
        ConfigValueKind.Boolean => tag == "bool",
        _ => tag == "str",
    };

    private static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    private static Result ParseInteger(string text, string expected)
    {
        if (!IntegerSyntax().IsMatch(text))
            return Result.Fail($"expected {expected}, got '{text}'");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return Result.Fail($"expected {expected} between {int.MinValue} and {int.MaxValue}, got '{text}'");
        return Result.Ok(value);
    }

    private static Result ParseNumber(string text, string expected)
    {
        if (!NumberSyntax().IsMatch(text)
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
            return Result.Fail($"expected {expected}, got '{text}'");
        return Result.Ok(value);
    }

    private static Result ParseBoolean(string text, string expected) => text switch
    {
        "true" or "True" or "TRUE" => Result.Ok(true),
        "false" or "False" or "FALSE" => Result.Ok(false),
        _ => Result.Fail($"expected {expected}, got '{text}'"),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberSyntax();
}
