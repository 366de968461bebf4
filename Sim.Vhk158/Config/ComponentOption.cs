namespace Sim.Vhk158.Config;

/// <summary>One numeric option an implementation takes in its component section (<c>KEY.NAME.OPTION</c>), with its default, range and where its value comes from.</summary>
public sealed record ComponentOption(string Name, double Default, string Description, double Min = double.Epsilon, double Max = double.MaxValue);
