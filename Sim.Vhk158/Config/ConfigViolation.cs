namespace Sim.Vhk158.Config;

/// <summary>
/// A failed config rule. <see cref="Keys"/> are the keys the rule involves, first the one the
/// message leads with; the loader points at that key's line.
/// </summary>
public sealed record ConfigViolation(string Message, IReadOnlyList<string> Keys);
