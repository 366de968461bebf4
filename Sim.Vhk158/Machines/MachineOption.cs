namespace Sim.Vhk158.Machines;

/// <summary>One option a machine model takes in its section of the config, with its default and where that comes from.</summary>
public sealed record MachineOption(string Name, double Default, string Description, double Min = double.Epsilon, double Max = double.MaxValue);
