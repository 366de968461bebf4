using CsvHelper;

namespace Sim.Gpu.Results;

/// <summary>
/// One row of <c>gpu_output/&lt;gpu&gt;.csv</c>: one case on one backend. Times are medians in
/// milliseconds; the roofline is the weight bytes a decode step must read over the memory
/// bandwidth, for reference. The runner merges such files on machines without a GPU.
/// </summary>
[CsvRecord]
public sealed partial class GpuResultRecord
{
    [CsvColumn("batch")] public int Batch { get; set; }
    [CsvColumn("prefill")] public int Prefill { get; set; }
    [CsvColumn("decode")] public int Decode { get; set; }
    [CsvColumn("backend")] public string Backend { get; set; } = "";
    [CsvColumn("device")] public string Device { get; set; } = "";
    [CsvColumn("model")] public string Model { get; set; } = "";
    [CsvColumn("prefill_ms")] public double PrefillMs { get; set; }
    [CsvColumn("decode_ms")] public double DecodeMs { get; set; }
    [CsvColumn("total_ms")] public double TotalMs { get; set; }
    [CsvColumn("decode_ms_per_token")] public double DecodeMsPerToken { get; set; }
    [CsvColumn("tokens_per_s")] public double TokensPerS { get; set; }
    [CsvColumn("repetitions")] public int Repetitions { get; set; }
    [CsvColumn("warmup")] public int Warmup { get; set; }
    /// <summary>"seed" (5 warm-up, 10 timed) or "quick".</summary>
    [CsvColumn("protocol")] public string Protocol { get; set; } = "";
    [CsvColumn("date")] public string Date { get; set; } = "";
    [CsvColumn("torchsharp")] public string TorchSharp { get; set; } = "";
    [CsvColumn("libtorch")] public string LibTorch { get; set; } = "";
    [CsvColumn("cuda")] public string Cuda { get; set; } = "";
    [CsvColumn("weight_bytes")] public long WeightBytes { get; set; }
    /// <summary>Memory bandwidth used for the roofline, GB/s; empty when unknown (CPU).</summary>
    [CsvColumn("bandwidth_gb_s")] public double? BandwidthGbS { get; set; }
    [CsvColumn("roofline_ms_per_token")] public double? RooflineMsPerToken { get; set; }
    [CsvColumn("ops_per_token")] public double OpsPerToken { get; set; }
    [CsvColumn("host_us_per_op")] public double HostUsPerOp { get; set; }
    [CsvColumn("alloc_bytes_per_token")] public double AllocBytesPerToken { get; set; }
}
