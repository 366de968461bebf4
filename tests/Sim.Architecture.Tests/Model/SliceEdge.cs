namespace Sim.Architecture.Tests.Model;

/// <summary>
/// Slice <see cref="From"/> uses slice <see cref="To"/>, through these "origin -> target" type pairs.
/// </summary>
public sealed record SliceEdge(string From, string To, IReadOnlyList<string> TypeUses);
