using System.Diagnostics;
using TorchSharp;

namespace Sim.Gpu.Backends;

/// <summary>
/// Counts what a generation costs the host: tensor handles created (TorchSharp's per-thread
/// dispose-scope statistics), managed allocations, and the time until the last op was issued.
/// </summary>
internal sealed class HostCostMeter
{
    private readonly long _tensors0 = Created();
    private readonly long _bytes0 = GC.GetAllocatedBytesForCurrentThread();
    private readonly long _t0 = Stopwatch.GetTimestamp();
    private long _issued;

    /// <summary>Marks the moment the last op was issued (before the host waits for the device).</summary>
    public void Issued() => _issued = Stopwatch.GetTimestamp();

    public GenerationResult Finish(long[][] tokens)
    {
        if (_issued == 0) Issued();
        return new GenerationResult(tokens, Created() - _tensors0,
            GC.GetAllocatedBytesForCurrentThread() - _bytes0,
            Stopwatch.GetElapsedTime(_t0, _issued).TotalMilliseconds);
    }

    private static long Created()
    {
        var s = DisposeScopeManager.Statistics.TensorStatistics;
        return s.CreatedInScopeCount + s.CreatedOutsideScopeCount;
    }
}
