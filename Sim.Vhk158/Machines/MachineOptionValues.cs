using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Vhk158.Machines;

/// <summary>
/// A model's options as the config gives them (<c>MACHINE.MODEL.OPTION</c>), checked against the
/// options the model declares: unknown names and values out of range are input errors naming the key.
/// </summary>
public sealed class MachineOptionValues
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public MachineOptionValues(string model, IReadOnlyList<MachineOption> declared, IReadOnlyDictionary<string, string> given)
    {
        foreach (var option in declared) _values[option.Name] = option.Default;
        foreach (var (name, text) in given)
        {
            var option = declared.FirstOrDefault(o => o.Name == name)
                ?? throw new InputException($"MACHINE.{model}.{name}: machine model '{model}' has no option '{name}'" +
                                            (declared.Count == 0 ? " (it takes none)" : $" (its options: {string.Join(", ", declared.Select(o => o.Name))})"));
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new InputException($"MACHINE.{model}.{name}: expected a number, got '{text}'");
            if (value < option.Min || value > option.Max)
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"MACHINE.{model}.{name}: {value} is out of range (expected {option.Min:G} to {option.Max:G})"));
            _values[name] = value;
        }
    }

    public double this[string name] => _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"option '{name}' was not declared");
}
