using CsvHelper;
using Sim.Core.Errors;

namespace Sim.Gpu.Results;

/// <summary>
/// Reads and writes a GPU results file. Writing merges with what is there: a row for the same
/// case, backend, device and model is replaced, others are kept, so backends measured in
/// separate runs end up in one file. Rows are sorted; the file is written to a temp file and
/// renamed.
/// </summary>
public static class GpuResultsFile
{
    public static string FileName(string deviceName)
    {
        var chars = deviceName.Trim().ToLowerInvariant()
            .Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return (slug.Length == 0 ? "gpu" : slug) + ".csv";
    }

    /// <summary>
    /// Reads a results file by column name (other columns are ignored; the measurement details
    /// are optional). A bad file is an input error naming the file and line.
    /// </summary>
    public static IReadOnlyList<GpuResultRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException("GPU results file not found", path);
        try
        {
            var options = CsvReaderOptions.Default with { Separator = ',', TrackLineNumbers = true };
            using var reader = CsvReader.FromFile(path, options);
            var rows = new List<GpuResultRecord>();
            foreach (var row in reader.GetRecords<GpuResultRecord>())
            {
                // decode_ms is a difference of medians (total − prefill): timing noise can make a tiny
                // measurement negative, which is honest data, so only non-numbers are refused.
                if (row.PrefillMs < 0 || !double.IsFinite(row.PrefillMs) || !double.IsFinite(row.DecodeMs))
                    throw new InputException("prefill_ms must be finite and not negative, decode_ms finite", path, (int)reader.LineNumber);
                rows.Add(row);
            }
            return rows;
        }
        catch (CsvFormatException e)
        {
            var why = e.InnerException?.Message ?? e.Message;
            throw new InputException($"not a valid GPU results row: {why}", path, e.LineNumber > 0 ? (int)e.LineNumber : null);
        }
        catch (KeyNotFoundException e)
        {
            throw new InputException($"not a GPU results file: {e.Message}", path, 1)
            {
                Hint = "a results file has the header batch,prefill,decode,backend,device,model,prefill_ms,decode_ms,... as `vhksim gpu` writes it",
            };
        }
        catch (IOException e)
        {
            throw new InputException($"cannot read the GPU results file: {e.Message}", path, inner: e);
        }
    }

    /// <summary>Merges <paramref name="rows"/> into the file at <paramref name="path"/> and returns all rows written.</summary>
    public static IReadOnlyList<GpuResultRecord> Merge(string path, IEnumerable<GpuResultRecord> rows)
    {
        var fresh = rows.ToList();
        var keys = fresh.Select(Key).ToHashSet();
        var kept = File.Exists(path) ? Read(path).Where(r => !keys.Contains(Key(r))) : [];
        var all = kept.Concat(fresh)
            .OrderBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Device, StringComparer.Ordinal)
            .ThenBy(r => r.Backend, StringComparer.Ordinal)
            .ThenBy(r => r.Batch).ThenBy(r => r.Prefill).ThenBy(r => r.Decode)
            .ToList();
        Write(path, all);
        return all;
    }

    public static void Write(string path, IEnumerable<GpuResultRecord> rows)
    {
        Sim.Core.IO.AtomicFile.Write(path, stream =>
        {
            using var writer = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, false);
            writer.WriteRecords(rows);
            writer.Flush();
        });
    }

    private static (int, int, int, string, string, string) Key(GpuResultRecord r) =>
        (r.Batch, r.Prefill, r.Decode, r.Backend, r.Device, r.Model);
}
