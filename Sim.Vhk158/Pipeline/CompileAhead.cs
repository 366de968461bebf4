using System.Collections;
using System.Runtime.ExceptionServices;
using Sim.Vhk158.Compiler;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Compiles a program's groups on a thread of their own, at most <see cref="Depth"/> freshly
/// compiled groups ahead of the machine that runs them, so that compiling and simulating one
/// large bucket (prefill 2048: about 0.6 s of compiling, 1.6 s of simulating) use two cores. The
/// machine sees the same groups in the same order; a compile error reaches it where the group
/// would have been. Dispose stops the compiling thread (a machine may stop early, on a deadlock).
/// </summary>
/// <remarks>
/// Only groups that hold buffers of their own count against the depth. Shared groups (the
/// <see cref="CompiledGroupCache"/>'s, most of a prefill program) cost nothing to hand over and
/// hold no memory beyond the cache's, so the compiler runs past them to the next group that
/// needs compiling (the next layer's attention, the LM head at the end) while the machine is
/// still busy with the shared ones, instead of starting it when the machine is nearly there.
/// Waiting blocks on a monitor without spinning: on a machine of two cores a spinning waiter
/// takes time from the thread that would end the wait.
/// </remarks>
internal sealed class CompileAhead : IEnumerable<CompiledGroup>, IDisposable
{
    /// <summary>Groups with buffers of their own compiled ahead: enough to keep the compiler busy, few enough to hold little memory.</summary>
    public const int Depth = 2;

    private readonly Queue<CompiledGroup> _ready = new();
    private readonly object _gate = new(); // a monitor: both sides wait on it
    private readonly Thread _compiler;
    private int _pooledAhead;   // groups in _ready that are not shared
    private bool _completed;    // the compiler has added its last group (or failed)
    private bool _stopped;      // Dispose: the machine wants no more groups
    private ExceptionDispatchInfo? _failure;
    private bool _enumerated;

    public CompileAhead(IEnumerable<CompiledGroup> groups)
    {
        _compiler = new Thread(() => Compile(groups)) { IsBackground = true, Name = "vhksim compile-ahead" };
        _compiler.Start();
    }

    private void Compile(IEnumerable<CompiledGroup> groups)
    {
        try
        {
            foreach (var group in groups)
            {
                bool pooled = !group.Instructions.IsShared;
                lock (_gate)
                {
                    while (pooled && _pooledAhead >= Depth && !_stopped) Monitor.Wait(_gate);
                    if (_stopped) return;   // the machine stopped early: nothing more is needed
                    _ready.Enqueue(group);
                    if (pooled) _pooledAhead++;
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    public IEnumerator<CompiledGroup> GetEnumerator()
    {
        if (_enumerated) throw new InvalidOperationException("a compile-ahead program is enumerated once");
        _enumerated = true;
        return Groups();
    }

    private IEnumerator<CompiledGroup> Groups()
    {
        while (Next() is { } group) yield return group;
        _compiler.Join(); // _failure is set before _completed, so it is visible here
        _failure?.Throw();
    }

    /// <summary>The next group in program order, waiting for the compiler if needed; null after the last.</summary>
    private CompiledGroup? Next()
    {
        lock (_gate)
        {
            while (_ready.Count == 0 && !_completed) Monitor.Wait(_gate);
            if (!_ready.TryDequeue(out var group)) return null;
            if (!group.Instructions.IsShared)
            {
                _pooledAhead--;
                Monitor.PulseAll(_gate);
            }
            return group;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
        _compiler.Join();
    }
}
