namespace Sim.Vhk158.Config;

/// <summary>
/// Marks a <see cref="HardwareConfig"/> key that a config file may leave out (its property's
/// initial value is the default). Every other key is required, as in the reference, so a
/// forgotten line is an error rather than a silent zero.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionalKeyAttribute : Attribute;
