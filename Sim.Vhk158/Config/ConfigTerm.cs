using System.Collections.Immutable;
using System.Globalization;

namespace Sim.Vhk158.Config;

/// <summary>
/// An integer expression over config keys that remembers how it was built, so a failed rule can
/// say <c>A_BUFFER_MM_PER_CHANNEL_WIDTH_B (128) must equal A_BUFFER_PER_BANK_WIDTH_B (16) *
/// A_BUFFER_MM_PER_CHANNEL_BANK_NUM (16) = 256</c>. Division and remainder follow Python's floor
/// semantics, as the reference's asserts do; a zero divisor makes the value unknown (null) and
/// the rule is skipped, since the "must be > 0" check already reports it.
/// </summary>
internal sealed record ConfigTerm(long? Value, string Text, bool Compound, ImmutableArray<string> Keys)
{
    public static ConfigTerm Key(string name, long value) =>
        new(value, $"{name} ({Show(value)})", false, [name]);

    public static implicit operator ConfigTerm(long constant) => new(constant, Show(constant), false, []);

    /// <summary>The text, with the result added where the term is computed.</summary>
    public string Shown => Compound && Value is { } v ? $"{Text} = {Show(v)}" : Text;

    public static ConfigTerm operator +(ConfigTerm a, ConfigTerm b) => Combine(a, "+", b, a.Value + b.Value);
    public static ConfigTerm operator *(ConfigTerm a, ConfigTerm b) => Combine(a, "*", b, a.Value * b.Value);

    public static ConfigTerm operator /(ConfigTerm a, ConfigTerm b) =>
        Combine(a, "//", b, b.Value is 0 ? null : FloorDiv(a.Value, b.Value));

    public static ConfigTerm operator %(ConfigTerm a, ConfigTerm b) =>
        Combine(a, "%", b, b.Value is 0 ? null : a.Value - b.Value * FloorDiv(a.Value, b.Value));

    private static long? FloorDiv(long? a, long? b)
    {
        if (a is not { } x || b is not { } y) return null;
        var q = x / y;
        return x % y != 0 && (x < 0) != (y < 0) ? q - 1 : q;
    }

    private static ConfigTerm Combine(ConfigTerm a, string op, ConfigTerm b, long? value) =>
        new(value, $"{Operand(a)} {op} {Operand(b)}", true, a.Keys.AddRange(b.Keys));

    private static string Operand(ConfigTerm t) => t.Compound ? $"({t.Text})" : t.Text;

    private static string Show(long v) => v.ToString(CultureInfo.InvariantCulture);
}
