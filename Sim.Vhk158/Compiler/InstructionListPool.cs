namespace Sim.Vhk158.Compiler;

/// <summary>
/// The instruction lists of one compilation, handed back by the consumer (<see cref="InstructionList.Recycle"/>)
/// and refilled for later groups. One pool per compilation: never shared between threads.
/// </summary>
internal sealed class InstructionListPool
{
    private readonly Stack<InstructionList> _free = new();

    public InstructionList Rent()
    {
        if (!_free.TryPop(out var list)) return new InstructionList(this);
        list.Clear();
        return list;
    }

    public void Return(InstructionList list) => _free.Push(list);
}
