using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// The instructions of one group, kept as the six module queues the hardware fetches from (each
/// in program order), so that a machine reads them without partitioning or copying. Also applies
/// the reference's "list fix": set the first element's wait and the last element's release of a
/// sub-list of one module, both asserted empty first.
/// </summary>
/// <remarks>
/// Lists come from an <see cref="InstructionListPool"/> while a program streams through a
/// machine: the consumer hands a group back once every module has moved past it and the compiler
/// refills the same buffers for a later group, so a prefill program of tens of millions of
/// instructions reuses a handful of buffers that stop growing after the largest group.
/// </remarks>
public sealed class InstructionList
{
    private const int InitialCapacity = 64;

    private readonly Instruction[][] _queues = new Instruction[ModuleSet.Count][];
    private readonly int[] _counts = new int[ModuleSet.Count];
    private readonly InstructionListPool? _pool;
    private Module _first, _last;
    private TokenCounts? _tokens;   // counted on first use; every change clears it
    private int _version;           // bumped by every change: what a DurationTable was computed for
    private DurationTable? _durations;

    public InstructionList() : this(null, capacity: null) { }

    /// <param name="capacity">per module, the queue sizes to start with (at least <see cref="InitialCapacity"/>), or null</param>
    internal InstructionList(InstructionListPool? pool, int[]? capacity)
    {
        _pool = pool;
        for (int m = 0; m < ModuleSet.Count; m++) _queues[m] = new Instruction[Math.Max(InitialCapacity, capacity?[m] ?? 0)];
    }

    private InstructionList(Instruction[][] queues, InstructionList from)
    {
        _queues = queues;
        from._counts.CopyTo(_counts, 0);
        Count = from.Count;
        _first = from._first;
        _last = from._last;
        _tokens = from._tokens;
        IsShared = true;
    }

    /// <summary>All instructions, over every module.</summary>
    public int Count { get; private set; }

    /// <summary>Module of the first instruction added (meaningless while empty).</summary>
    public Module FirstModule => _first;
    /// <summary>Module of the last instruction added (meaningless while empty).</summary>
    public Module LastModule => _last;

    /// <summary>
    /// Shared lists (held by a <see cref="CompiledGroupCache"/>) are read by many runs at once:
    /// they are never changed again nor handed back to a pool.
    /// </summary>
    public bool IsShared { get; private set; }

    /// <summary>Instructions of <paramref name="module"/> so far.</summary>
    public int CountOf(Module module) => _counts[(int)module];

    /// <summary>The queue of <paramref name="module"/>, in program order.</summary>
    public ReadOnlySpan<Instruction> Queue(Module module) => _queues[(int)module].AsSpan(0, _counts[(int)module]);

    /// <summary>
    /// The backing array of a module's queue: its first <see cref="CountOf"/> elements are the
    /// queue. For DES processes, which are iterators and cannot hold a span across a yield.
    /// </summary>
    public Instruction[] QueueArray(Module module) => _queues[(int)module];

    /// <summary>Instruction <paramref name="index"/> of <paramref name="module"/>'s queue.</summary>
    public ref Instruction At(Module module, int index)
    {
        if (!IsShared) { _tokens = null; _version++; } // the caller may change the instruction
        if ((uint)index >= (uint)_counts[(int)module])
            throw new ArgumentOutOfRangeException(nameof(index), $"{module} has {_counts[(int)module]} instructions, not {index + 1}");
        return ref _queues[(int)module][index];
    }

    /// <summary>The first instruction added.</summary>
    public ref Instruction First => ref At(_first, 0);
    /// <summary>The last instruction added.</summary>
    public ref Instruction Last => ref At(_last, _counts[(int)_last] - 1);

    public void Add(in Instruction instruction)
    {
        if (IsShared) throw new InvalidOperationException("a shared instruction list cannot change");
        int m = (int)instruction.Module;
        ref var queue = ref _queues[m];
        int n = _counts[m];
        // Pooled buffers keep their size: this grows only until the largest group has been seen.
        if (n == queue.Length) Array.Resize(ref queue, queue.Length * 2);
        queue[n] = instruction;
        _counts[m] = n + 1;
        _tokens = null;
        _version++;
        if (Count++ == 0) _first = instruction.Module;
        _last = instruction.Module;
    }

    /// <summary>Adds <paramref name="count"/> copies of one instruction (the 16 row MISCs of a fused softmax).</summary>
    public void AddRepeated(in Instruction instruction, int count)
    {
        if (count <= 0) return;
        if (IsShared) throw new InvalidOperationException("a shared instruction list cannot change");
        int m = (int)instruction.Module;
        ref var queue = ref _queues[m];
        int n = _counts[m];
        if (n + count > queue.Length) Array.Resize(ref queue, Math.Max(queue.Length * 2, n + count));
        queue.AsSpan(n, count).Fill(instruction);
        _counts[m] = n + count;
        _tokens = null;
        _version++;
        if (Count == 0) _first = instruction.Module;
        Count += count;
        _last = instruction.Module;
    }

    /// <summary>Sets the wait list of <paramref name="module"/>'s instruction <paramref name="index"/>, which must have none yet.</summary>
    public void FixFirstWait(Module module, int index, ModuleSet wait)
    {
        ref var i = ref At(module, index);
        if (!i.Wait.IsEmpty && !wait.IsEmpty)
            throw new InvalidOperationException($"list fix: {module} instruction {index} ({i}) already waits");
        if (!wait.IsEmpty) i.Wait = wait;
    }

    /// <summary>
    /// Sets the release list of the last instruction added, which must be of
    /// <paramref name="module"/> and have none yet.
    /// </summary>
    public void FixLastRelease(Module module, ModuleSet release)
    {
        if (Count == 0 || _last != module)
            throw new InvalidOperationException($"list fix: the last instruction is not an {module}");
        ref var i = ref Last;
        if (!i.Release.IsEmpty && !release.IsEmpty)
            throw new InvalidOperationException($"list fix: the last {module} ({i}) already releases");
        if (!release.IsEmpty) i.Release = release;
    }

    /// <summary>
    /// The tokens this list's instructions release and await (see <see cref="TokenBalance"/>),
    /// counted once until the list changes. The compiler counts them, so that the machine's
    /// thread does not.
    /// </summary>
    public TokenCounts Tokens => _tokens ??= TokenCounts.Of(this);

    /// <summary>
    /// Each module queue's durations under <paramref name="pricing"/> (indexed like
    /// <see cref="QueueArray"/>) when they were computed for the list as it is now, else null.
    /// </summary>
    public double[][]? DurationsFor(object pricing) =>
        Volatile.Read(ref _durations) is { } d && d.Version == _version && ReferenceEquals(d.Pricing, pricing) ? d.Queues : null;

    /// <summary>
    /// Keeps a pricing's durations of the list as it is now (see <see cref="DurationsFor"/>): a
    /// machine prices a shared group once for every bucket that runs it. Shared lists are read by
    /// many threads at once; one that prices it first publishes a complete table.
    /// </summary>
    public void KeepDurations(object pricing, double[][] queues) =>
        Volatile.Write(ref _durations, new DurationTable(pricing, _version, queues));

    /// <summary>Arrays of an outdated table that a pooled list's next pricing may refill (never a shared list's, which others read).</summary>
    public double[][]? ReusableDurations => IsShared ? null : _durations?.Queues;

    private sealed record DurationTable(object Pricing, int Version, double[][] Queues);

    /// <summary>
    /// A copy to be read by many and never changed, with buffers of exactly its size (a shared
    /// list is held for long); this list stays as it was.
    /// </summary>
    internal InstructionList SharedCopy()
    {
        var queues = new Instruction[ModuleSet.Count][];
        for (int m = 0; m < ModuleSet.Count; m++) queues[m] = _queues[m].AsSpan(0, _counts[m]).ToArray();
        return new InstructionList(queues, this);
    }

    /// <summary>
    /// The consumer is done with the list: a pooled list goes back to its pool to be refilled
    /// for a later group. Unpooled and shared lists stay as they are.
    /// </summary>
    public void Recycle()
    {
        if (_pool is not null && !IsShared) _pool.Return(this);
    }

    internal void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        _tokens = null;
        _version++;
    }
}
