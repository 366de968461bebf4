using Sim.Core.Errors;
using Sim.Gpu.Model;
using Sim.Gpu.Runtime;

namespace Sim.Gpu.Backends;

/// <summary>The backends by name; a new backend is one more line here.</summary>
public static class BackendCatalog
{
    private static readonly (string Name, bool CudaOnly, Func<LlamaWeights, IInferenceBackend> Create)[] Entries =
    [
        (NaiveBackend.BackendName, false, w => new NaiveBackend(w)),
        (TorchOptBackend.BackendName, false, w => new TorchOptBackend(w)),
        (OptBackend.BackendName, true, w => new OptBackend(w, OptGemvSetting.FromEnvironment())),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The backends that run on a device (opt is CUDA only).</summary>
    public static IReadOnlyList<string> NamesFor(TorchDevice device) =>
        Entries.Where(e => device == TorchDevice.Cuda || !e.CudaOnly).Select(e => e.Name).ToArray();

    /// <summary>
    /// Expands "all" (to the backends that run on <paramref name="device"/>) and checks each name;
    /// the order is the catalog's.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> requested, TorchDevice device = TorchDevice.Cuda)
    {
        var usable = NamesFor(device);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requested)
        {
            var name = r.Trim().ToLowerInvariant();
            if (name == "all") set.UnionWith(usable);
            else if (usable.Contains(name)) set.Add(name);
            else if (Names.Contains(name))
                throw new InputException($"--backend: '{name}' runs on CUDA only; use --device cuda or another backend ({string.Join(", ", usable)})");
            else throw new InputException($"--backend: unknown backend '{r}'; expected one of {string.Join(", ", Names)} or all");
        }
        if (set.Count == 0) set.UnionWith(usable);
        return Names.Where(set.Contains).ToArray();
    }

    public static IInferenceBackend Create(string name, LlamaWeights weights) =>
        Entries.First(e => e.Name == name).Create(weights);
}
