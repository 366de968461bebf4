using CsvHelper;

namespace Sim.Runner.GpuResults;

/// <summary>
/// The columns of a GPU results file (written by <c>vhksim gpu</c>) that the comparison reads,
/// by header name; a file's other columns are ignored. Times are medians in milliseconds.
/// </summary>
[CsvRecord]
public sealed partial class GpuResultRow
{
    [CsvColumn("batch")] public int Batch { get; set; }
    [CsvColumn("prefill")] public int Prefill { get; set; }
    [CsvColumn("decode")] public int Decode { get; set; }
    [CsvColumn("backend")] public string Backend { get; set; } = "";
    [CsvColumn("device")] public string Device { get; set; } = "";
    [CsvColumn("model")] public string Model { get; set; } = "";
    [CsvColumn("prefill_ms")] public double PrefillMs { get; set; }
    [CsvColumn("decode_ms")] public double DecodeMs { get; set; }
    [CsvColumn("protocol", Optional = true)] public string Protocol { get; set; } = "";
    [CsvColumn("date", Optional = true)] public string Date { get; set; } = "";
}
