using System.Globalization;

namespace Sim.Vhk158.Config;

/// <summary>
/// Checks rules against one config and collects every failure (not just the first), each
/// phrased from the <see cref="ConfigTerm"/>s involved. A rule whose terms cannot be computed
/// (a zero divisor) is skipped; the positivity checks report the cause.
/// </summary>
internal sealed class ConfigRuleChecker(HardwareConfig config)
{
    private readonly List<ConfigViolation> violations = [];

    public IReadOnlyList<ConfigViolation> Violations => violations;

    /// <summary>An integer key as a term, by its YAML name.</summary>
    public ConfigTerm this[string key]
    {
        get
        {
            var k = ConfigKeyTable.Get(key);
            if (k.Kind != ConfigValueKind.Integer)
                throw new InvalidOperationException($"{key} is not an integer key");
            return ConfigTerm.Key(key, (int)k.Read(config));
        }
    }

    public void Equal(ConfigTerm a, ConfigTerm b) => Compare(a, b, (x, y) => x == y, "must equal");
    public void AtMost(ConfigTerm a, ConfigTerm b) => Compare(a, b, (x, y) => x <= y, "must be <=");
    public void AtLeast(ConfigTerm a, ConfigTerm b) => Compare(a, b, (x, y) => x >= y, "must be >=");

    public void MultipleOf(ConfigTerm a, ConfigTerm b)
    {
        if ((a % b).Value is { } remainder && remainder != 0)
            Add($"{a.Shown} must be a multiple of {b.Shown}", a, b);
    }

    public void Positive(string key)
    {
        if (this[key].Value is <= 0 and var v)
            violations.Add(new ConfigViolation($"{key} must be > 0, got {v}", [key]));
    }

    public void NonNegative(string key)
    {
        if (this[key].Value is < 0 and var v)
            violations.Add(new ConfigViolation($"{key} must be >= 0, got {v}", [key]));
    }

    /// <summary>A number key that must satisfy <paramref name="holds"/>, described by <paramref name="requirement"/>.</summary>
    public void Number(string key, Func<double, bool> holds, string requirement)
    {
        var value = (double)ConfigKeyTable.Get(key).Read(config);
        if (!holds(value))
            violations.Add(new ConfigViolation(
                $"{key} must be {requirement}, got {value.ToString("R", CultureInfo.InvariantCulture)}", [key]));
    }

    /// <summary>A rule that does not fit the forms above.</summary>
    public void Require(bool holds, string message, params string[] keys)
    {
        if (!holds) violations.Add(new ConfigViolation(message, keys));
    }

    private void Compare(ConfigTerm a, ConfigTerm b, Func<long, long, bool> holds, string relation)
    {
        if (a.Value is { } x && b.Value is { } y && !holds(x, y))
            Add($"{a.Shown} {relation} {b.Shown}", a, b);
    }

    private void Add(string message, ConfigTerm a, ConfigTerm b) =>
        violations.Add(new ConfigViolation(message, a.Keys.AddRange(b.Keys).Distinct().ToArray()));
}
