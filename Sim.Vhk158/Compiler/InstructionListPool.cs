using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// The instruction lists of one compilation, handed back by the consumer (<see cref="InstructionList.Recycle"/>)
/// and refilled for later groups. One pool per compilation; the consumer may run on another
/// thread than the compiler (compile-ahead), so renting and returning take a lock (once per group).
/// </summary>
/// <remarks>
/// A list made while the others are out starts as large, per module, as the largest the pool has
/// seen back: the groups of one compilation are alike (the 32 layers' attention), and growing a
/// buffer by doubling touches twice its final size of fresh memory, which costs page faults.
/// </remarks>
internal sealed class InstructionListPool
{
    private readonly Stack<InstructionList> _free = new();
    private readonly Lock _gate = new();
    private readonly int[] _largest = new int[ModuleSet.Count];   // per module, of the lists filled so far

    public InstructionList Rent()
    {
        InstructionList? list;
        lock (_gate)
            if (!_free.TryPop(out list)) return new InstructionList(this, _largest);
        list.Clear();
        return list;
    }

    /// <summary>The compiler has filled <paramref name="list"/>: lists made later start at least this large.</summary>
    public void Filled(InstructionList list)
    {
        lock (_gate)
            for (int m = 0; m < ModuleSet.Count; m++) _largest[m] = Math.Max(_largest[m], list.CountOf((Module)m));
    }

    public void Return(InstructionList list)
    {
        lock (_gate) _free.Push(list);
    }
}
