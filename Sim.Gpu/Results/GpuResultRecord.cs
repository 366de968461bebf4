using CsvHelper;

namespace Sim.Gpu.Results;

/// <summary>
/// One row of <c>gpu_output/&lt;gpu&gt;.csv</c>: one case on one backend. Times are medians in
/// milliseconds; the columns after decode_ms are measurement details, optional when reading. The roofline is the weight bytes a decode step must read over the memory
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
    [CsvColumn("total_ms", Optional = true)] public double TotalMs { get; set; }
    [CsvColumn("decode_ms_per_token", Optional = true)] public double DecodeMsPerToken { get; set; }
    // Named as every other output names decode throughput; files written before read by the old name.
    [CsvColumn("decode_tokens_per_s", "tokens_per_s", Optional = true)] public double DecodeTokensPerS { get; set; }
    [CsvColumn("repetitions", Optional = true)] public int Repetitions { get; set; }
    [CsvColumn("warmup", Optional = true)] public int Warmup { get; set; }
    /// <summary>"seed" (5 warm-up, 10 timed) or "quick".</summary>
    [CsvColumn("protocol", Optional = true)] public string Protocol { get; set; } = "";
    [CsvColumn("date", Optional = true)] public string Date { get; set; } = "";
    [CsvColumn("torchsharp", Optional = true)] public string TorchSharp { get; set; } = "";
    [CsvColumn("libtorch", Optional = true)] public string LibTorch { get; set; } = "";
    [CsvColumn("cuda", Optional = true)] public string Cuda { get; set; } = "";
    [CsvColumn("weight_bytes", Optional = true)] public long WeightBytes { get; set; }
    /// <summary>Memory bandwidth used for the roofline, GB/s; empty when unknown (CPU).</summary>
    [CsvColumn("bandwidth_gb_s", Optional = true)] public double? BandwidthGbS { get; set; }
    [CsvColumn("roofline_ms_per_token", Optional = true)] public double? RooflineMsPerToken { get; set; }
    [CsvColumn("ops_per_token", Optional = true)] public double OpsPerToken { get; set; }
    [CsvColumn("host_us_per_op", Optional = true)] public double HostUsPerOp { get; set; }
    [CsvColumn("alloc_bytes_per_token", Optional = true)] public double AllocBytesPerToken { get; set; }
    // Spread: the fastest and slowest timed run (decode: a "total" run less the median prefill).
    [CsvColumn("prefill_ms_min", Optional = true)] public double? PrefillMsMin { get; set; }
    [CsvColumn("prefill_ms_max", Optional = true)] public double? PrefillMsMax { get; set; }
    [CsvColumn("decode_ms_per_token_min", Optional = true)] public double? DecodeMsPerTokenMin { get; set; }
    [CsvColumn("decode_ms_per_token_max", Optional = true)] public double? DecodeMsPerTokenMax { get; set; }
    // Energy from the GPU's counter (empty where none was read: the CPU, or no NVML).
    [CsvColumn("avg_power_w", Optional = true)] public double? AvgPowerW { get; set; }
    [CsvColumn("prefill_j", Optional = true)] public double? PrefillJ { get; set; }
    [CsvColumn("decode_j_per_token", Optional = true)] public double? DecodeJPerToken { get; set; }
    /// <summary>"measurement" (a GPU) or "smoke" (the CPU: the path works; the times compare with nothing).</summary>
    [CsvColumn("run_kind", Optional = true)] public string RunKind { get; set; } = "";

    public const string Measured = "measurement", Smoke = "smoke";
}
