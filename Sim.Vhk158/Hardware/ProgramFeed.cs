using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Hardware;

/// <summary>
/// Streams compiled groups into the six module queues. A group is compiled when the first
/// module needs it and dropped when the last module has left it; the SYS barrier between groups
/// means at most two groups are alive, so memory stays bounded whatever the program's size.
/// </summary>
public sealed class ProgramFeed
{
    private readonly IEnumerator<CompiledGroup> _groups;
    private readonly List<Instruction[][]?> _loaded = new();
    private readonly List<string> _names = new();
    private readonly int[] _moduleGroup = new int[ModuleSet.Count];
    private int _dropped;
    private bool _exhausted;

    private readonly IInstructionTrace? _trace;

    public ProgramFeed(IEnumerable<CompiledGroup> groups, TokenBalance balance, IInstructionTrace? trace = null)
    {
        _groups = groups.GetEnumerator();
        Balance = balance;
        _trace = trace;
    }

    public TokenBalance Balance { get; }

    /// <summary>Name of the layer that emitted group <paramref name="group"/>, for error messages.</summary>
    public string GroupName(int group) => group < _names.Count ? _names[group] : $"group {group}";

    /// <summary>
    /// The instructions of <paramref name="module"/> in group <paramref name="group"/>, or null
    /// past the end of the program. Moving to a group releases the module's hold on older ones.
    /// </summary>
    public Instruction[]? Queue(Module module, int group)
    {
        _moduleGroup[(int)module] = group;
        while (_loaded.Count <= group)
        {
            if (_exhausted || !_groups.MoveNext()) { _exhausted = true; return null; }
            _loaded.Add(Partition(_groups.Current));
        }
        DropFinished();
        return _loaded[group]![(int)module];
    }

    private Instruction[][] Partition(CompiledGroup g)
    {
        _names.Add(g.Group.Layer.Name);
        _trace?.BeginGroup(g.Group);
        var span = g.Instructions.AsSpan();
        var counts = new int[ModuleSet.Count];
        foreach (ref readonly var i in span) { counts[(int)i.Module]++; Balance.Add(i); }
        var queues = new Instruction[ModuleSet.Count][];
        for (int m = 0; m < ModuleSet.Count; m++) queues[m] = new Instruction[counts[m]];
        Array.Clear(counts);
        foreach (ref readonly var i in span) queues[(int)i.Module][counts[(int)i.Module]++] = i;
        return queues;
    }

    private void DropFinished()
    {
        int oldest = _moduleGroup.Min();
        for (; _dropped < oldest && _dropped < _loaded.Count; _dropped++) _loaded[_dropped] = null;
    }
}
