using System.Globalization;
using System.Text;

namespace Sim.Runner.Tests.Commands;

/// <summary>Writes GPU results files in the format of <c>vhksim gpu</c> (all 24 columns, plus any extra ones).</summary>
internal static class GpuResultsCsv
{
    public const string Header = "batch,prefill,decode,backend,device,model,prefill_ms,decode_ms,total_ms,decode_ms_per_token,tokens_per_s," +
        "repetitions,warmup,protocol,date,torchsharp,libtorch,cuda,weight_bytes,bandwidth_gb_s,roofline_ms_per_token,ops_per_token,host_us_per_op,alloc_bytes_per_token";

    public sealed record Row(int Prefill, int Decode, string Backend, double PrefillMs, double DecodeMs, string Device = "NVIDIA H100 80GB HBM3", string Model = "llama2-7b");

    public static string Write(string path, IEnumerable<Row> rows, string extraHeader = "", string extraValue = "")
    {
        var sb = new StringBuilder(Header + extraHeader + "\n");
        foreach (var r in rows)
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"1,{r.Prefill},{r.Decode},{r.Backend},{r.Device},{r.Model},{r.PrefillMs},{r.DecodeMs},{r.PrefillMs + r.DecodeMs},{r.DecodeMs / r.Decode},{r.Decode / r.DecodeMs * 1000}," +
                $"3,1,quick,2026-11-25,0.107.0,2.11.0+cu130 (PyTorch),13.0,13214687232,3350,3.945,1849,11.31,194212{extraValue}\n"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
