using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Vhk158.Config;

/// <summary>
/// An implementation's options as a component section gives them (<c>KEY.NAME.OPTION</c>),
/// checked against the options it declares: unknown names and values out of range are input
/// errors naming the key.
/// </summary>
public sealed class ComponentOptions
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentOption> _declared = new(StringComparer.Ordinal);

    /// <param name="section">the section's key, e.g. MACHINE or MEMORY</param>
    /// <param name="model">the implementation's name</param>
    public ComponentOptions(string section, string model, IReadOnlyList<ComponentOption> declared, IReadOnlyDictionary<string, string> given)
    {
        foreach (var option in declared)
        {
            _values[option.Name] = option.Default;
            _declared[option.Name] = option;
        }
        foreach (var (name, text) in given)
        {
            var option = declared.FirstOrDefault(o => o.Name == name)
                ?? throw new InputException($"{section}.{model}.{name}: '{model}' has no option '{name}'" +
                                            (declared.Count == 0 ? " (it takes none)" : $" (its options: {string.Join(", ", declared.Select(o => o.Name))})"));
            if (option.Choices is { } choices)
            {
                int index = choices.ToList().IndexOf(text);
                _values[name] = index >= 0 ? index
                    : throw new InputException($"{section}.{model}.{name}: expected one of {string.Join(", ", choices)}, got '{text}'");
                continue;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new InputException($"{section}.{model}.{name}: expected a number, got '{text}'");
            if (value < option.Min || value > option.Max)
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"{section}.{model}.{name}: {value} is out of range (expected {option.Min:G} to {option.Max:G})"));
            _values[name] = value;
        }
    }

    public double this[string name] => _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"option '{name}' was not declared");

    /// <summary>The name chosen for an option declared with choices.</summary>
    public string Choice(string name) =>
        (_declared.TryGetValue(name, out var option) && option.Choices is { } choices ? choices : throw new KeyNotFoundException($"option '{name}' was not declared with choices"))[Int(name)];

    /// <summary>An option that counts something, as an int (declared options with integral ranges).</summary>
    public int Int(string name) => checked((int)Math.Round(this[name]));

    /// <summary>The options of <paramref name="declared"/> for the section's implementation in <paramref name="config"/> (defaults where the section is absent).</summary>
    public static ComponentOptions For(HardwareConfig config, string section, string model, IReadOnlyList<ComponentOption> declared) =>
        new(section, model, declared, config.Component(section) is { } s && s.Impl == model ? s.For(model) : new Dictionary<string, string>());
}
