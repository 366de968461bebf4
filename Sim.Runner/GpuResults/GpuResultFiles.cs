using Sim.Gpu.Results;
using Sim.Core.Errors;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.GpuResults;

/// <summary>
/// GPU results read from CSV files (the <c>vhksim gpu</c> format, by column name; other columns
/// are ignored). Where several rows match a case, the first file given wins, and within a file
/// the first row. Smoke runs (run_kind smoke: the CPU) are never used.
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
                if (row.RunKind != GpuResultRecord.Smoke
                    && (device is null || row.Device.Contains(device, StringComparison.OrdinalIgnoreCase)))
                    _rows.Add((row, file));
    }

    /// <summary>How the peers' results files end (not a <c>vhksim gpu</c> results file).</summary>
    public const string PeersSuffix = "-peers.csv";

    /// <summary>The files read, in order of preference.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Every <c>*.csv</c> of the default folders, folder by folder (freshly measured ones first),
    /// within a folder <paramref name="preferred"/> first, then the others sorted by name. Files
    /// named <c>*-peers.csv</c> hold other systems' measurements (scripts/gpu/peers) and are skipped.
    /// </summary>
    public static IReadOnlyList<string> Discover(IEnumerable<string> folders, string? preferred = null) =>
        folders.Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.csv")
                .Where(f => !Path.GetFileName(f).EndsWith(PeersSuffix, StringComparison.Ordinal))
                .OrderBy(f => Path.GetFileName(f) == preferred ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal))
            .ToList();

    public GpuMeasurement? Find(string model, FpgaCase c, string backend)
    {
        foreach (var (row, file) in _rows)
        {
            if (row.Batch != 1 || row.Prefill != c.Prefill || row.Decode != c.Decode) continue;
            if (!string.Equals(row.Backend, backend, StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.Equals(row.Model, model, StringComparison.OrdinalIgnoreCase)) continue;
            return new GpuMeasurement(new CaseResult(c.Prefill, c.Decode, row.PrefillMs, row.DecodeMs),
                new GpuProvenance(file, row.Device, row.Backend, row.Date, row.Protocol), row.DecodeJPerToken);
        }
        return null;
    }
}
