using System.Globalization;
using System.Text;

namespace Sim.Workloads.Ir.Yaml;

/// <summary>
/// Formats a double the way PyYAML 6 does: Python's <c>repr</c> (shortest round-trip digits,
/// exponent form when the decimal exponent is below -4 or above 16), lower-cased, with ".0"
/// inserted before an exponent that has no '.', and <c>.inf</c>/<c>-.inf</c>/<c>.nan</c>.
/// </summary>
public static class PyFloatRepr
{
    public static string Format(double d)
    {
        if (double.IsNaN(d)) return ".nan";
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";

        // .NET's "R" gives the shortest round-trip digits; take them apart into digits + exponent.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        bool neg = shortest[0] == '-';
        if (neg) shortest = shortest[1..];
        int exp = 0;
        int e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        int dot = shortest.IndexOf('.');
        string intPart = dot >= 0 ? shortest[..dot] : shortest;
        string fracPart = dot >= 0 ? shortest[(dot + 1)..] : "";
        string digits = (intPart + fracPart).TrimStart('0');
        // decpt: the value is 0.DIGITS × 10^decpt (Python's convention).
        int leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        int decpt = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        var sb = new StringBuilder();
        if (neg) sb.Append('-');
        if (decpt <= -4 || decpt > 16)
        {
            // d.ddde±XX, at least two exponent digits; PyYAML adds ".0" when there is no '.'.
            sb.Append(digits[0]);
            sb.Append('.');
            sb.Append(digits.Length > 1 ? digits[1..] : "0");
            int x = decpt - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        }
        return sb.ToString();
    }
}
