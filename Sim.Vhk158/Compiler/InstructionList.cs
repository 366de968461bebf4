using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// The instructions of one group in program order, with the reference's "list fix": set the
/// first element's wait and the last element's release of a sub-list, both asserted empty first.
/// </summary>
public sealed class InstructionList
{
    private Instruction[] _items = new Instruction[256];

    public int Count { get; private set; }

    public ref Instruction this[int index] => ref _items[index];

    public ReadOnlySpan<Instruction> AsSpan() => _items.AsSpan(0, Count);

    public void Add(in Instruction instruction)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = instruction;
    }

    public void Clear() => Count = 0;

    /// <summary>Sets the wait list of element <paramref name="index"/>, which must have none yet.</summary>
    public void FixFirstWait(int index, ModuleSet wait)
    {
        ref var i = ref _items[index];
        if (!i.Wait.IsEmpty && !wait.IsEmpty)
            throw new InvalidOperationException($"list fix: instruction {index} ({i}) already waits");
        if (!wait.IsEmpty) i.Wait = wait;
    }

    /// <summary>Sets the release list of element <paramref name="index"/>, which must have none yet.</summary>
    public void FixLastRelease(int index, ModuleSet release)
    {
        ref var i = ref _items[index];
        if (!i.Release.IsEmpty && !release.IsEmpty)
            throw new InvalidOperationException($"list fix: instruction {index} ({i}) already releases");
        if (!release.IsEmpty) i.Release = release;
    }
}
