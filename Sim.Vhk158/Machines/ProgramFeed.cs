using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines;

/// <summary>
/// Streams compiled groups into the six module queues, so that a prefill program of tens of
/// millions of instructions is never held whole. A group is compiled when a module first needs
/// it and handed back to the compiler (<see cref="InstructionList.Recycle"/>) once every module
/// has moved past it. The modules read the group's own queues: nothing is partitioned or copied.
/// </summary>
/// <remarks>
/// A module with nothing to do in a stretch of groups (MV in prefill, MM in decode) would race
/// through them at time 0 and force the whole program into memory. So modules may only enter a
/// group at most <see cref="Window"/> groups beyond the last completed SYS barrier; a module that
/// asks for more parks until the next barrier completes. This never delays an instruction:
/// every instruction of group g starts after the SYS of group g-2 (each group opens with an LD
/// that waits for the previous SYS, and the only other unconditioned instruction, the concat ST,
/// follows the previous group's STs), and a parked module resumes at that SYS at the latest.
/// The 144 reference CSVs and the dataflow cross-check in the tests guard this.
/// </remarks>
public sealed class ProgramFeed
{
    /// <summary>Groups a module may run ahead of the last completed barrier (at least 2, see remarks).</summary>
    public const int Window = 3;

    private readonly Simulation _sim;
    private readonly IEnumerator<CompiledGroup> _groups;
    private readonly List<CompiledGroup?> _loaded = new();
    private readonly List<string> _names = new();
    private readonly int[] _moduleGroup = new int[ModuleSet.Count];
    private readonly IRunObserver? _observer;
    private Event? _barrier;
    private int _barriersDone;
    private int _dropped;
    private bool _exhausted;

    public ProgramFeed(Simulation sim, IEnumerable<CompiledGroup> groups, TokenBalance balance, IRunObserver? observer = null)
    {
        _sim = sim;
        _groups = groups.GetEnumerator();
        Balance = balance;
        _observer = observer;
    }

    public TokenBalance Balance { get; }

    /// <summary>Groups held in memory at the peak, for tests and diagnostics.</summary>
    public int PeakGroupsHeld { get; private set; }

    /// <summary>Name of the layer that emitted group <paramref name="group"/>, for error messages.</summary>
    public string GroupName(int group) => group < _names.Count ? _names[group] : $"group {group}";

    /// <summary>
    /// The instructions of <paramref name="module"/> in group <paramref name="group"/>: the first
    /// <paramref name="count"/> elements of <paramref name="queue"/>, valid until the module asks
    /// for a later group. Returns false with <paramref name="wait"/> set when the module must
    /// first wait for a barrier, and true with a null queue past the end of the program.
    /// </summary>
    public bool TryQueue(Module module, int group, out Instruction[]? queue, out int count, out Event? wait)
    {
        wait = null;
        queue = null;
        count = 0;
        if (group >= _loaded.Count && group > _barriersDone + Window)
        {
            wait = _barrier ??= new Event(_sim);
            return false;
        }
        _moduleGroup[(int)module] = group;
        while (_loaded.Count <= group)
        {
            if (_exhausted || !_groups.MoveNext()) { _exhausted = true; return true; }
            _loaded.Add(Load(_groups.Current));
        }
        DropFinished();
        var list = _loaded[group]!.Instructions;
        queue = list.QueueArray(module);
        count = list.CountOf(module);
        return true;
    }

    /// <summary>The instructions of group <paramref name="group"/>, valid while <see cref="TryQueue"/>'s queue of it is.</summary>
    public InstructionList Instructions(int group) => _loaded[group]!.Instructions;

    /// <summary>The SYS barrier closing a group has completed: parked modules may go on.</summary>
    public void BarrierDone()
    {
        _barriersDone++;
        var barrier = _barrier;
        _barrier = null;
        barrier?.Succeed();
    }

    private CompiledGroup Load(CompiledGroup g)
    {
        _names.Add(g.Group.Layer.Name);
        _observer?.BeginGroup(g.Group);
        Balance.Add(g.Instructions.Tokens);
        return g;
    }

    private void DropFinished()
    {
        int oldest = _moduleGroup.Min();
        for (; _dropped < oldest && _dropped < _loaded.Count; _dropped++)
        {
            _loaded[_dropped]!.Instructions.Recycle();
            _loaded[_dropped] = null;
        }
        PeakGroupsHeld = Math.Max(PeakGroupsHeld, _loaded.Count - _dropped);
    }
}
