using Sim.Core.Errors;
using Sim.Gpu.Results;
using Sim.Tests.Shared;

namespace Sim.Gpu.Tests;

public class ResultsFileTests
{
    internal static GpuResultRecord Row(string backend, int prefill, int decode, double decodeMs) => new()
    {
        Batch = 1, Prefill = prefill, Decode = decode, Backend = backend, Device = "Test GPU", Model = "tiny",
        PrefillMs = 1.5, DecodeMs = decodeMs, TotalMs = 1.5 + decodeMs, DecodeMsPerToken = decodeMs / decode,
        DecodeTokensPerS = decode / (decodeMs / 1000), Repetitions = 10, Warmup = 5, Protocol = "seed", Date = "2026-01-02",
        TorchSharp = "0.107.0", LibTorch = "2.10.0", Cuda = "13.0", WeightBytes = 123, BandwidthGbS = 3350,
        RooflineMsPerToken = 0.001, OpsPerToken = 614, HostUsPerOp = 12.5, AllocBytesPerToken = 4096,
    };

    [Fact]
    public void WritesTheRequiredColumnsAndReadsThemBack()
    {
        using var tmp = new TempDir();
        var path = tmp.File("r.csv");
        GpuResultsFile.Write(path, [Row("naive", 128, 512, 1000)]);
        var header = File.ReadLines(path).First().Split(',');
        foreach (var col in new[] { "batch", "prefill", "decode", "backend", "device", "prefill_ms", "decode_ms", "total_ms",
                                    "decode_tokens_per_s", "repetitions", "date", "torchsharp", "libtorch", "cuda", "roofline_ms_per_token" })
            Assert.Contains(col, header);
        var back = Assert.Single(GpuResultsFile.Read(path));
        Assert.Equal("naive", back.Backend);
        Assert.Equal(1000, back.DecodeMs);
        Assert.Equal(3350, back.BandwidthGbS);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void ReadsFilesWrittenWithTheOldThroughputColumnName()
    {
        using var tmp = new TempDir();
        var path = tmp.File("old.csv");
        File.WriteAllText(path, "batch,prefill,decode,backend,device,model,prefill_ms,decode_ms,tokens_per_s\n" +
                                "1,128,512,opt,NVIDIA H200,llama2-7b,6.5,1885.4,271.558\n");
        Assert.Equal(271.558, Assert.Single(GpuResultsFile.Read(path)).DecodeTokensPerS);
        GpuResultsFile.Merge(path, [Row("naive", 128, 512, 1000)]);
        Assert.Contains("decode_tokens_per_s", File.ReadLines(path).First().Split(','));
        Assert.Contains(GpuResultsFile.Read(path), r => r.Backend == "opt" && r.DecodeTokensPerS == 271.558);
    }

    [Fact]
    public void MergeReplacesTheSameCaseAndKeepsOthers()
    {
        using var tmp = new TempDir();
        var path = tmp.File("r.csv");
        GpuResultsFile.Merge(path, [Row("naive", 128, 512, 1000), Row("naive", 512, 512, 2000)]);
        var all = GpuResultsFile.Merge(path, [Row("naive", 128, 512, 900), Row("torch-opt", 128, 512, 300)]);
        Assert.Equal(3, all.Count);
        Assert.Equal(3, GpuResultsFile.Read(path).Count);
        Assert.Equal(900, all.Single(r => r.Backend == "naive" && r.Prefill == 128).DecodeMs);
        Assert.Equal(2000, all.Single(r => r.Prefill == 512).DecodeMs);
        Assert.Equal(new[] { "naive", "naive", "torch-opt" }, all.Select(r => r.Backend));
    }

    [Fact]
    public void EmptyBandwidthIsReadAsUnknown()
    {
        using var tmp = new TempDir();
        var path = tmp.File("r.csv");
        var row = Row("naive", 8, 8, 10);
        row.BandwidthGbS = null;
        row.RooflineMsPerToken = null;
        GpuResultsFile.Write(path, [row]);
        var back = Assert.Single(GpuResultsFile.Read(path));
        Assert.Null(back.BandwidthGbS);
        Assert.Null(back.RooflineMsPerToken);
    }

    [Fact]
    public void AFileWithoutTheColumnsIsBadInput()
    {
        using var tmp = new TempDir();
        var path = tmp.File("bad.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        var e = Assert.Throws<InputException>(() => GpuResultsFile.Read(path));
        Assert.Contains("bad.csv", e.Message);
    }

    [Theory]
    [InlineData("NVIDIA H100 80GB HBM3", "nvidia-h100-80gb-hbm3.csv")]
    [InlineData("cpu", "cpu.csv")]
    [InlineData("  ", "gpu.csv")]
    public void FileNameFromTheDeviceName(string device, string expected) =>
        Assert.Equal(expected, GpuResultsFile.FileName(device));

    [Fact]
    public void RooflineFromDatasheetBandwidth()
    {
        Assert.Equal(3350, Roofline.BandwidthGbS("NVIDIA H100 80GB HBM3"));
        Assert.Equal(2000, Roofline.BandwidthGbS("NVIDIA H100 PCIe"));
        Assert.Null(Roofline.BandwidthGbS("cpu"));
        Assert.Equal(4.0, Roofline.MsPerToken(13_400_000_000, 3350)!.Value, 6);
    }

    /// <summary>The committed H100 measurement: 6 standard cases × every backend, self-consistent.</summary>
    [Fact]
    public void CommittedH100ResultsCoverEveryBackendAndCase()
    {
        var rows = GpuResultsFile.Read(Path.Combine(ReferenceData.RepoRoot, "results", "gpu", "h100.csv"));
        foreach (var backend in Sim.Gpu.Backends.BackendCatalog.Names)
            foreach (var c in Sim.Gpu.Measurement.MeasurementCase.Standard)
            {
                var r = Assert.Single(rows, r => r.Backend == backend && r.Prefill == c.Prefill && r.Decode == c.Decode && r.Batch == c.Batch);
                Assert.Contains("H100", r.Device);
                // Each column is rounded to 3 decimals on its own, so the difference may be off by up to 0.0015.
                Assert.InRange(Math.Abs(r.TotalMs - r.PrefillMs - r.DecodeMs), 0, 0.002);
                Assert.Equal(r.Decode / (r.DecodeMs / 1000), r.DecodeTokensPerS, 1);
                Assert.True(r.DecodeMsPerToken > r.RooflineMsPerToken, "faster than the memory roofline");
            }
    }
}
