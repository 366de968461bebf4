using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// Compiled groups shared by content: compile once, reuse in every bucket (and every sweep point
/// with the same config) whose IR holds an equal group. Keyed by the config's entries and the
/// <see cref="GroupKey"/>; shared lists never change. Safe to use from parallel buckets: two
/// threads may compile the same group at once, and one of the equal results is kept.
/// </summary>
/// <remarks>
/// Bounded in instructions so that it cannot grow with the number of buckets: large groups
/// (prefill's long matrix layers, tens of MB each) are not kept, nor is prefill attention,
/// whose code depends on the mask it names. Once full, it serves what it holds.
/// </remarks>
public sealed class CompiledGroupCache
{
    private readonly ConcurrentDictionary<(string Config, GroupKey Group), InstructionList> _groups = new();
    private long _held;

    /// <param name="maxGroupInstructions">largest group kept</param>
    /// <param name="maxInstructions">instructions kept in all</param>
    public CompiledGroupCache(int maxGroupInstructions = 1 << 18, long maxInstructions = 1 << 21)
    {
        MaxGroupInstructions = maxGroupInstructions;
        MaxInstructions = maxInstructions;
    }

    public int MaxGroupInstructions { get; }
    public long MaxInstructions { get; }

    /// <summary>Instructions held now.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Groups answered from the cache, for benchmarks.</summary>
    public long Hits => Interlocked.Read(ref _hits);
    /// <summary>Groups compiled through the cache (kept or not), for benchmarks.</summary>
    public long Misses => Interlocked.Read(ref _misses);
    private long _hits, _misses;

    /// <summary>Whether a group's code can be shared at all (prefill attention reads a mask by name).</summary>
    public static bool Accepts(LayerGroup group) => group.Layer.Type != Sim.Workloads.Ir.LayerType.AttentionMm;

    /// <summary>The part of the key that stands for the config: every entry, as the profile cache keys it.</summary>
    public static string ConfigKey(HardwareConfig config) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Concat(HardwareConfigLoader.Entries(config).Select(e => $"{e.Key}={e.Value}\n")))));

    /// <summary>
    /// The shared list for an equal group, or <paramref name="compile"/>'s. When it fits, an
    /// exact-size copy is kept and returned, and the compiled list goes back to its pool: a pooled
    /// list has grown its buffers once already, so compiling into it and copying out touches less
    /// fresh memory than growing a new list from empty and trimming it.
    /// </summary>
    public InstructionList GetOrAdd(string configKey, LayerGroup group, bool isLast, Func<InstructionList> compile)
    {
        var key = (configKey, GroupKey.Of(group, isLast));
        if (_groups.TryGetValue(key, out var shared))
        {
            Interlocked.Increment(ref _hits);
            return shared;
        }
        Interlocked.Increment(ref _misses);
        var list = compile();
        if (list.Count > MaxGroupInstructions || Held + list.Count > MaxInstructions) return list;
        var copy = list.SharedCopy();
        list.Recycle();
        if (!_groups.TryAdd(key, copy)) return _groups[key];
        Interlocked.Add(ref _held, copy.Count);
        return copy;
    }
}
