namespace Sim.Vhk158.Compiler;

/// <summary>
/// The instruction lists of one compilation, handed back by the consumer (<see cref="InstructionList.Recycle"/>)
/// and refilled for later groups. One pool per compilation; the consumer may run on another
/// thread than the compiler (compile-ahead), so renting and returning take a lock (once per group).
/// </summary>
internal sealed class InstructionListPool
{
    private readonly Stack<InstructionList> _free = new();
    private readonly Lock _gate = new();

    public InstructionList Rent()
    {
        InstructionList? list;
        lock (_gate)
            if (!_free.TryPop(out list)) return new InstructionList(this);
        list.Clear();
        return list;
    }

    public void Return(InstructionList list)
    {
        lock (_gate) _free.Push(list);
    }
}
