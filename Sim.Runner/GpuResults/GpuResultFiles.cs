using Sim.Gpu.Results;
using Sim.Core.Errors;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.GpuResults;

/// <summary>
/// GPU results read from CSV files (the <c>vhksim gpu</c> format, by column name; other columns
/// are ignored). Where several rows match a case, the first file given wins, and within a file
/// the first row.
/// </summary>
public sealed class GpuResultFiles : IGpuResultSource
{
    private readonly List<(GpuResultRecord Row, string File)> _rows = [];

    /// <param name="files">the files, in order of preference</param>
    /// <param name="device">when set, only rows whose device contains this text (ignoring case)</param>
    public GpuResultFiles(IEnumerable<string> files, string? device = null)
    {
        Files = files.ToList();
        foreach (var file in Files)
            foreach (var row in GpuResultsFile.Read(file))
                if (device is null || row.Device.Contains(device, StringComparison.OrdinalIgnoreCase))
                    _rows.Add((row, file));
    }

    /// <summary>The files read, in order of preference.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every <c>*.csv</c> of the default folders, sorted by name: freshly measured ones first.</summary>
    public static IReadOnlyList<string> Discover(IEnumerable<string> folders) =>
        folders.Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.csv").Order(StringComparer.Ordinal))
            .ToList();

    public GpuMeasurement? Find(string model, FpgaCase c, string backend)
    {
        foreach (var (row, file) in _rows)
        {
            if (row.Batch != 1 || row.Prefill != c.Prefill || row.Decode != c.Decode) continue;
            if (!string.Equals(row.Backend, backend, StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.Equals(row.Model, model, StringComparison.OrdinalIgnoreCase)) continue;
            return new GpuMeasurement(new CaseResult(c.Prefill, c.Decode, row.PrefillMs, row.DecodeMs),
                new GpuProvenance(file, row.Device, row.Backend, row.Date, row.Protocol));
        }
        return null;
    }
}
