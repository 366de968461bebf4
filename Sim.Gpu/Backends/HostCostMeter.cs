using System.Diagnostics;
using TorchSharp;

namespace Sim.Gpu.Backends;

/// <summary>
/// Counts what a generation costs the host: TorchSharp calls (tensor handles created, from
/// TorchSharp's per-thread dispose-scope statistics, corrected by the backend for in-place calls,
/// which create none, and for calls that return several tensors), managed allocations, and the
/// time until the last op was issued.
/// </summary>
internal sealed class HostCostMeter
{
    private readonly long _tensors0 = Created();
    private readonly long _bytes0 = GC.GetAllocatedBytesForCurrentThread();
    private readonly long _t0 = Stopwatch.GetTimestamp();
    private long _issued;
    private long _correction;

    /// <summary>Calls the handle count misses (in-place ops) minus extra handles (pieces of chunk/unbind beyond the first).</summary>
    public void Correct(long calls) => _correction += calls;

    /// <summary>Marks the moment the last op was issued (before the host waits for the device).</summary>
    public void Issued() => _issued = Stopwatch.GetTimestamp();

    public GenerationResult Finish(long[][] tokens)
    {
        if (_issued == 0) Issued();
        return new GenerationResult(tokens, Created() - _tensors0 + _correction,
            GC.GetAllocatedBytesForCurrentThread() - _bytes0,
            Stopwatch.GetElapsedTime(_t0, _issued).TotalMilliseconds);
    }

    private static long Created()
    {
        var s = DisposeScopeManager.Statistics.TensorStatistics;
        return s.CreatedInScopeCount + s.CreatedOutsideScopeCount;
    }
}
