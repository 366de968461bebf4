using Sim.Core.Errors;
using Sim.Gpu.Model;

namespace Sim.Gpu.Backends;

/// <summary>The backends by name; a new backend is one more line here.</summary>
public static class BackendCatalog
{
    private static readonly (string Name, Func<LlamaWeights, IInferenceBackend> Create)[] Entries =
    [
        (NaiveBackend.BackendName, w => new NaiveBackend(w)),
        (TorchOptBackend.BackendName, w => new TorchOptBackend(w)),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>Expands "all" and checks each name; the order is the catalog's.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> requested)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requested)
        {
            var name = r.Trim().ToLowerInvariant();
            if (name == "all") set.UnionWith(Names);
            else if (Names.Contains(name)) set.Add(name);
            else throw new InputException($"--backend: unknown backend '{r}'; expected one of {string.Join(", ", Names)} or all");
        }
        if (set.Count == 0) set.UnionWith(Names);
        return Names.Where(set.Contains).ToArray();
    }

    public static IInferenceBackend Create(string name, LlamaWeights weights) =>
        Entries.First(e => e.Name == name).Create(weights);
}
