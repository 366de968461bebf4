using ArchUnitNET.Domain;

namespace Sim.Architecture.Tests.Model;

/// <summary>
/// Every elementary cycle among slices. ArchUnitNET reports a strongly connected component as one
/// "cycle" (all its edges in a heap); a refactor needs each loop A -> B -> A on its own, with the
/// types that close it, so the loops are enumerated here from the library's slice dependencies.
/// </summary>
public static class SliceCycles
{
    public static IReadOnlyList<SliceCycle> Find(IEnumerable<Slice> slices, string root)
    {
        var edges = Edges(slices, root);
        var nodes = edges.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var cycles = new List<SliceCycle>();
        // Each cycle is found once, from its smallest slice, walking only through larger ones.
        foreach (var start in nodes)
            Walk(start, start, [start], edges, cycles);
        return cycles;
    }

    private static void Walk(string start, string at, List<string> path,
        IReadOnlyDictionary<(string From, string To), SliceEdge> edges, List<SliceCycle> found)
    {
        foreach (var ((from, to), _) in edges.Where(e => e.Key.From == at).OrderBy(e => e.Key.To, StringComparer.Ordinal))
        {
            if (to == start)
                found.Add(new SliceCycle(path.Zip(path.Skip(1).Append(start), (a, b) => edges[(a, b)]).ToList()));
            else if (string.CompareOrdinal(to, start) > 0 && !path.Contains(to))
            {
                path.Add(to);
                Walk(start, to, path, edges, found);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private static Dictionary<(string From, string To), SliceEdge> Edges(IEnumerable<Slice> slices, string root)
    {
        var uses = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var slice in slices)
        foreach (var type in slice.Types)
        {
            var from = NamespaceSlices.SliceOf(type.Namespace.FullName, root)!;
            foreach (var dependency in type.Dependencies)
            {
                // Generic parameters and function pointers have no namespace.
                if (dependency.Target.Namespace?.FullName is not { } targetNamespace) continue;
                var to = NamespaceSlices.SliceOf(targetNamespace, root);
                if (to is null || to == from) continue;
                if (!uses.TryGetValue((from, to), out var set)) uses[(from, to)] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add($"{dependency.Origin.FullName} -> {dependency.Target.FullName}");
            }
        }
        return uses.ToDictionary(u => u.Key, u => new SliceEdge(u.Key.Item1, u.Key.Item2, u.Value.ToList()));
    }
}
