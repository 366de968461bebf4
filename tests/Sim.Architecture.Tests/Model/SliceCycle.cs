namespace Sim.Architecture.Tests.Model;

/// <summary>One elementary cycle of slices, A -> B -> ... -> A, with the uses behind each step.</summary>
public sealed record SliceCycle(IReadOnlyList<SliceEdge> Edges)
{
    public string Path => string.Join(" -> ", Edges.Select(e => e.From).Append(Edges[0].From));

    public string Describe() =>
        Path + Environment.NewLine + string.Join(Environment.NewLine,
            Edges.Select(e => $"  {e.From} -> {e.To}:" + Environment.NewLine +
                              string.Join(Environment.NewLine, e.TypeUses.Select(u => "    " + u))));
}
