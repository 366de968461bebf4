using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Workloads.Ir.Yaml;

/// <summary>
/// YAML 1.1 implicit typing of plain scalars, as PyYAML's resolver does it. The reader uses it to
/// type plain values (PyYAML wrote the reference files and reads <c>yes</c> as a bool); the
/// writer uses it to know when a string must be quoted so it does not read back as another type.
/// </summary>
public static partial class Yaml11Scalars
{
    /// <summary>The tag PyYAML's resolver gives a plain scalar: "str", "bool", "int", "float", "null", "timestamp", "merge" or "value".</summary>
    public static string Resolve(string s)
    {
        if (s.Length == 0) return "null";
        // PyYAML's resolvers are keyed by the first character and tried in this order.
        char c = s[0];
        if ("yYnNtTfFoO".Contains(c) && BoolRegex().IsMatch(s)) return "bool";
        if ("-+0123456789.".Contains(c) && FloatRegex().IsMatch(s)) return "float";
        if ("-+0123456789".Contains(c) && IntRegex().IsMatch(s)) return "int";
        if (c == '<' && s == "<<") return "merge";
        if ("~nN".Contains(c) && NullRegex().IsMatch(s)) return "null";
        if (char.IsAsciiDigit(c) && TimestampRegex().IsMatch(s)) return "timestamp";
        if (c == '=' && s == "=") return "value";
        return "str";
    }

    public static bool TryParseBool(string s, out bool value)
    {
        switch (s)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                value = true; return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                value = false; return true;
            default:
                value = false; return false;
        }
    }

    /// <summary>Parses a YAML 1.1 int (decimal, 0x hex, 0b binary, 0-prefixed octal, '_' separators; no sexagesimal).</summary>
    public static bool TryParseInt(string s, out long value)
    {
        // Fast path: the reference files only hold short decimal numbers.
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && (s.Length == 1 || s[0] != '0') && !s.StartsWith("-0", StringComparison.Ordinal) && !s.StartsWith("+0", StringComparison.Ordinal))
            return true;
        value = 0;
        if (!IntRegex().IsMatch(s) || s.Contains(':')) return false;
        var t = s.Replace("_", "");
        bool neg = t[0] == '-';
        if (t[0] is '-' or '+') t = t[1..];
        try
        {
            ulong u;
            if (t.StartsWith("0b", StringComparison.Ordinal)) u = Convert.ToUInt64(t[2..], 2);
            else if (t.StartsWith("0x", StringComparison.Ordinal)) u = Convert.ToUInt64(t[2..], 16);
            else if (t.Length > 1 && t[0] == '0') u = Convert.ToUInt64(t[1..], 8);
            else u = ulong.Parse(t, CultureInfo.InvariantCulture);
            if (u > long.MaxValue) return false;
            value = neg ? -(long)u : (long)u;
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Parses a YAML 1.1 float (PyYAML's pattern: needs a '.', or is .inf / .nan; no sexagesimal).</summary>
    public static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        if (!FloatRegex().IsMatch(s) || s.Contains(':')) return false;
        var t = s.Replace("_", "");
        switch (t.ToLowerInvariant())
        {
            case ".inf" or "+.inf": value = double.PositiveInfinity; return true;
            case "-.inf": value = double.NegativeInfinity; return true;
            case ".nan": value = double.NaN; return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BoolRegex();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatRegex();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntRegex();

    [GeneratedRegex(@"^(?:~|null|Null|NULL|)$")]
    private static partial Regex NullRegex();

    [GeneratedRegex(@"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")]
    private static partial Regex TimestampRegex();
}
