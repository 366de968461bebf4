using System.Globalization;
using System.Text;
using Sim.Gpu.Cuda.Native;

namespace Sim.Gpu.Cuda;

/// <summary>
/// Times the parts of one decode step with CUDA events recorded between them (the step run
/// outside a graph, queued behind other work so the host stays ahead): device time per part,
/// and for the matrix parts the bandwidth their weight bytes imply. The events add about a
/// microsecond each, so the parts sum to a little more than a graph replay.
/// </summary>
internal sealed class StepProfile(nint stream) : IDisposable
{
    private readonly List<(string Label, long Bytes, nint Event)> _marks = new();

    /// <summary>Starts part <paramref name="label"/> (ending the previous one); bytes: weights it reads.</summary>
    public void Mark(string label, long bytes = 0)
    {
        Driver.Check(Driver.cuEventCreate(out var ev, 0), "cuEventCreate");
        Driver.Check(Driver.cuEventRecord(ev, stream), "cuEventRecord");
        _marks.Add((label, bytes, ev));
    }

    /// <summary>Waits for the last mark and sums the time per label, in order of first appearance.</summary>
    public string Report(string title)
    {
        Mark("end");
        Driver.Check(Driver.cuEventSynchronize(_marks[^1].Event), "cuEventSynchronize");
        var parts = new List<(string Label, int Count, double Us, long Bytes)>();
        double total = 0;
        for (var i = 0; i + 1 < _marks.Count; i++)
        {
            Driver.Check(Driver.cuEventElapsedTime(out var ms, _marks[i].Event, _marks[i + 1].Event), "cuEventElapsedTime");
            var us = ms * 1000.0;
            total += us;
            var k = parts.FindIndex(p => p.Label == _marks[i].Label);
            if (k < 0) parts.Add((_marks[i].Label, 1, us, _marks[i].Bytes));
            else parts[k] = (parts[k].Label, parts[k].Count + 1, parts[k].Us + us, parts[k].Bytes + _marks[i].Bytes);
        }
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{title}: {total:0} µs in all"));
        foreach (var p in parts)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"; {p.Label} {p.Us:0} µs ({p.Count}×{p.Us / p.Count:0.0}"));
            if (p.Bytes > 0) sb.Append(string.Create(CultureInfo.InvariantCulture, $", {p.Bytes / (p.Us * 1e-6) / 1e12:0.00} TB/s"));
            sb.Append(')');
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        foreach (var m in _marks) Driver.cuEventDestroy(m.Event);
        _marks.Clear();
    }
}
