using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Sim.Vhk158.Compiler;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Compiles a program's groups on a thread of their own, at most <see cref="Depth"/> groups ahead
/// of the machine that runs them, so that compiling and simulating one large bucket (prefill
/// 2048: about 0.7 s of compiling, 1 s of simulating) use two cores. The machine sees the same
/// groups in the same order; a compile error reaches it where the group would have been.
/// Dispose stops the compiling thread (a machine may stop early, on a deadlock).
/// </summary>
internal sealed class CompileAhead : IEnumerable<CompiledGroup>, IDisposable
{
    /// <summary>Groups compiled ahead: enough to keep the compiler busy, few enough to hold little memory.</summary>
    public const int Depth = 4;

    private readonly BlockingCollection<CompiledGroup> _ready = new(Depth);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _compiler;
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
            foreach (var group in groups) _ready.Add(group, _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The machine stopped early: nothing more is needed.
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _ready.CompleteAdding();
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
        foreach (var group in _ready.GetConsumingEnumerable()) yield return group;
        _compiler.Join(); // _failure is set before CompleteAdding, so it is visible here
        _failure?.Throw();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        _stop.Cancel();
        _compiler.Join();
        _stop.Dispose();
        _ready.Dispose();
    }
}
