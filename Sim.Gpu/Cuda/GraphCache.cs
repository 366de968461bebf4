namespace Sim.Gpu.Cuda;

/// <summary>
/// Executable graphs by bucket: each is captured once, on first use or up front with
/// <see cref="CaptureAll"/>, and destroyed with the cache. Capture and destruction are given as
/// functions, so the bookkeeping is tested without a GPU.
/// </summary>
public sealed class GraphCache(int count, Func<int, nint> capture, Action<nint> destroy) : IDisposable
{
    private readonly nint[] _graphs = new nint[count];
    private bool _disposed;

    public int Captured => _graphs.Count(g => g != 0);

    public nint Get(int bucket)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, _graphs.Length);
        if (_graphs[bucket] == 0)
        {
            var g = capture(bucket);
            if (g == 0) throw new InvalidOperationException($"capturing the graph of bucket {bucket} gave no graph");
            _graphs[bucket] = g;
        }
        return _graphs[bucket];
    }

    public void CaptureAll()
    {
        for (var i = 0; i < _graphs.Length; i++) Get(i);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (var i = 0; i < _graphs.Length; i++)
        {
            if (_graphs[i] != 0) destroy(_graphs[i]);
            _graphs[i] = 0;
        }
    }
}
