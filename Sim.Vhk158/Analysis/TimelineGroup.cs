namespace Sim.Vhk158.Analysis;

/// <summary>
/// A layer group as a timeline shows it: its index in the program, the main layer's name, the
/// layer kind used for colouring (see <see cref="LayerKinds"/>) and its decoder block, if any.
/// </summary>
public sealed record TimelineGroup(int Index, string Layer, string Kind, int? Block);
