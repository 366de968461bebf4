namespace Sim.Vhk158.Config;

/// <summary>
/// One option an implementation takes in its component section (<c>KEY.NAME.OPTION</c>), with its
/// default, range and where its value comes from. Options are numbers; an option with
/// <paramref name="Choices"/> takes one of those names instead, held as its index (so
/// <paramref name="Default"/>, <paramref name="Min"/> and <paramref name="Max"/> are indices).
/// </summary>
public sealed record ComponentOption(string Name, double Default, string Description, double Min = double.Epsilon, double Max = double.MaxValue,
    IReadOnlyList<string>? Choices = null)
{
    /// <summary>An option that takes one of <paramref name="choices"/> by name; <paramref name="fallback"/> is the default.</summary>
    public static ComponentOption Choice(string name, string fallback, string description, params string[] choices)
    {
        int index = Array.IndexOf(choices, fallback);
        if (index < 0) throw new ArgumentException($"the default '{fallback}' is not among the choices", nameof(fallback));
        return new ComponentOption(name, index, description, 0, choices.Length - 1, choices);
    }
}
