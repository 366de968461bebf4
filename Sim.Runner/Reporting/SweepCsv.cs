using CsvHelper;
using Sim.Core.IO;
using Sim.Vhk158.Isa;

namespace Sim.Runner.Reporting;

/// <summary>
/// <c>sweep.csv</c>: a line per point and case with the swept values, latencies, decode
/// throughput and every module's utilization in percent; a skipped point has its error instead.
/// </summary>
public static class SweepCsv
{
    public static void Write(string path, IReadOnlyList<SweepRow> rows, IReadOnlyList<string> keys)
    {
        var modules = Enum.GetValues<Module>();
        string[] header = [.. keys, "prefill", "decode", "prefill_ms", "decode_ms", "total_ms", "decode_tokens_per_s",
                           .. modules.Select(m => $"util_{m.ToString().ToLowerInvariant()}"), "error"];
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            csv.WriteHeader(header);
            foreach (var row in rows)
            {
                foreach (var k in keys) csv.WriteField(row.Point.Value(k));
                csv.WriteField(row.Case.Prefill);
                csv.WriteField(row.Case.Decode);
                var b = row.Result;
                Number(csv, b?.Latency.PrefillMs);
                Number(csv, b?.Latency.DecodeMs);
                Number(csv, b?.Latency.TotalMs);
                Number(csv, b?.Latency.TokensPerSecond);
                foreach (var m in modules) Number(csv, b?.Utilization(m));
                csv.WriteField(row.Error);
                csv.EndRecord();
            }
            csv.Flush();
        });
    }

    private static void Number(CsvWriter csv, double? v) => csv.WriteField(ComparisonFormat.Round(v));
}
