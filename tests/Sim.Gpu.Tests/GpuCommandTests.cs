using Sim.Gpu.Measurement;
using Sim.Gpu.Results;
using Sim.Gpu.Runtime;
using Sim.Gpu.Safetensors;
using Sim.Runner;
using Sim.Runner.Commands;
using Sim.Tests.Shared;

namespace Sim.Gpu.Tests;

/// <summary>
/// The `vhksim gpu` verb end to end with the tiny model on the CPU. Runs that measure go through
/// a scripted meter (real generation, times set by the test), so no test depends on timing
/// being sane on a loaded machine.
/// </summary>
public class GpuCommandTests
{
    private static int Gpu(IRunMeter meter, params string[] args) => GpuCommand.Create(meter).Parse(args).Invoke();

    [Fact]
    public void MeasuresEveryBackendAndWritesTheResultsFile()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        // Each run takes 2 + 0.5·n ms for n tokens: prefill 2.5 ms; 6:32 total 18.5 ms, decode 0.5 ms/token.
        var rc = Gpu(new ScriptedRunMeter(baseMs: 2, msPerToken: 0.5), "--model", TinyModel.ConfigPath, "--device", "cpu",
                     "--case", "6:32", "--case", "2:4:24", "--warmup", "1", "--repetitions", "2", "--out", tmp.Path);
        Assert.Equal(0, rc);
        var path = Path.Combine(tmp.Path, "gpu_output", "cpu.csv");
        var rows = GpuResultsFile.Read(path);
        Assert.Equal(4, rows.Count);
        Assert.Equal(new[] { "naive", "naive", "torch-opt", "torch-opt" }, rows.Select(r => r.Backend));
        Assert.All(rows, r =>
        {
            Assert.Equal("cpu", r.Device);
            Assert.Equal("tiny", r.Model);
            Assert.Equal(2, r.Repetitions);
            Assert.Equal("custom", r.Protocol);
            Assert.Equal(GpuResultRecord.Smoke, r.RunKind);
            Assert.Equal((2.5, 2.5, 2.5), (r.PrefillMs, r.PrefillMsMin!.Value, r.PrefillMsMax!.Value));
            Assert.Equal((0.5, 0.5, 0.5), (r.DecodeMsPerToken, r.DecodeMsPerTokenMin!.Value, r.DecodeMsPerTokenMax!.Value));
            Assert.Null(r.AvgPowerW);   // no energy: the energy columns stay empty
            Assert.Null(r.DecodeJPerToken);
            Assert.True(r.OpsPerToken > 0);
            Assert.Null(r.RooflineMsPerToken);
        });
        var batched = Assert.Single(rows, r => r.Batch == 2 && r.Prefill == 4 && r.Decode == 24 && r.Backend == "naive");
        Assert.Equal(12, batched.DecodeMs, 9);
        Assert.Equal(2 * 24 / 0.012, batched.DecodeTokensPerS, 3);
    }

    /// <summary>Issue 14: the measured rows on stdout in the format asked for, under the names every verb uses; progress on stderr.</summary>
    [Fact]
    public void PrintsTheMeasuredRowsAsCsvWithDecodeTokensPerSecond()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var (rc, stdout, stderr) = ConsoleCapture.Run(() =>
            Gpu(new ScriptedRunMeter(baseMs: 2, msPerToken: 0.5), "--model", TinyModel.ConfigPath, "--device", "cpu", "--backend", "naive",
                "--case", "6:32", "--case", "4:8", "--warmup", "0", "--repetitions", "1", "--out", tmp.Path, "--format", "csv"));
        Assert.True(rc == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int header = Array.FindIndex(lines, l => l.StartsWith("backend,device,model,batch,prefill,decode,prefill_ms,decode_ms,decode_ms_per_token,decode_tokens_per_s,", StringComparison.Ordinal));
        Assert.True(header >= 0, stdout);
        Assert.StartsWith("naive,cpu,tiny,1,6,32,2.5,16,0.5,2000,", lines[header + 1]);
        Assert.StartsWith("naive,cpu,tiny,1,4,8,", lines[header + 2]);
        Assert.Contains("smoke run: naive 6:32: prefill", stderr); // progress goes to stderr
        Assert.DoesNotContain("smoke run: naive 6:32: prefill", stdout);
    }

    /// <summary>Issue 14: gpu tokens takes one --case per flag, repeated, and prints a row per case and backend in the format asked for.</summary>
    [Fact]
    public void TokensComparesEveryCaseAndPrintsARowPerBackend()
    {
        TinyModel.Init();
        var (rc, stdout, stderr) = ConsoleCapture.Run(() =>
            Cli.Run(["gpu", "tokens", "--model", TinyModel.ConfigPath, "--device", "cpu", "--case", "8:4", "--case", "6:3", "--format", "csv"]));
        Assert.True(rc == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int header = Array.IndexOf(lines, "case,backend,reference,identical_tokens,new_tokens,first_tokens");
        Assert.True(header >= 0, stdout);
        var rows = lines.Skip(header + 1).Where(l => l.StartsWith("8:4,", StringComparison.Ordinal) || l.StartsWith("6:3,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        Assert.Equal(4, rows.Count); // two backends on the CPU, two cases
        Assert.All(rows, r => Assert.Equal(r[0] == "8:4" ? "4" : "3", r[4]));
        Assert.Contains("greedy tokens identical", stderr);
    }

    [Fact]
    public void EnergyColumnsComeFromTheMeter()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var rc = Gpu(new ScriptedRunMeter(baseMs: 2, msPerToken: 0.5, watts: 300), "--model", TinyModel.ConfigPath, "--device", "cpu",
                     "--case", "6:32", "--backend", "torch-opt", "--warmup", "0", "--repetitions", "3", "--out", tmp.Path);
        Assert.Equal(0, rc);
        var r = Assert.Single(GpuResultsFile.Read(Path.Combine(tmp.Path, "gpu_output", "cpu.csv")));
        Assert.Equal(300, r.AvgPowerW);
        Assert.Equal(0.75, r.PrefillJ);                                  // 300 W × 2.5 ms
        Assert.Equal((300 * 0.0185 - 0.75) / 32, r.DecodeJPerToken!.Value, 5);
    }

    [Fact]
    public void AnImplausibleCaseIsAnErrorAndWritesNoRow()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        int rc;
        try
        {
            rc = Gpu(new ScriptedRunMeter(baseMs: 4, msPerToken: 0), "--model", TinyModel.ConfigPath, "--device", "cpu",
                     "--case", "4:8", "--backend", "naive", "--warmup", "0", "--repetitions", "1", "--out", tmp.Path);
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Equal(1, rc);
        Assert.Contains("naive 4:8: decode time is not positive", err.ToString());
        Assert.False(File.Exists(Path.Combine(tmp.Path, "gpu_output", "cpu.csv")));
    }

    [Fact]
    public void QuickRunOfOneBackendOnTheStandardCasesOfAReducedModel()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        // The tiny model allows 128 positions: the standard cases do not fit, and that is said.
        var rc = Cli.Run(["gpu", "--model", TinyModel.ConfigPath, "--device", "cpu", "--quick", "--out", tmp.Path]);
        Assert.Equal(1, rc);
        rc = Gpu(new ScriptedRunMeter(), "--model", TinyModel.ConfigPath, "--device", "cpu", "--quick", "--backend", "torch-opt",
                 "--layers", "1", "--case", "16:8", "--out", tmp.Path);
        Assert.Equal(0, rc);
        var row = Assert.Single(GpuResultsFile.Read(Path.Combine(tmp.Path, "gpu_output", "cpu.csv")));
        Assert.Equal("tiny-1l", row.Model);
        Assert.Equal("quick", row.Protocol);
        Assert.Equal(3, row.Repetitions);
    }

    [Theory]
    [InlineData("--backend", "fastest")]
    [InlineData("--case", "12")]
    [InlineData("--device", "tpu")]
    [InlineData("--model", "no/such/model.yaml")]
    public void BadInputExitsWithOne(string option, string value)
    {
        using var tmp = new TempDir();
        var args = new List<string> { "gpu", "--device", "cpu", "--model", TinyModel.ConfigPath, "--case", "4:2", "--out", tmp.Path };
        var i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value;
        else args.AddRange([option, value]);
        Assert.Equal(1, Cli.Run(args.ToArray()));
    }

    [SkippableFact]
    public void CudaWithoutACudaLibTorchSaysWhatIsMissing()
    {
        Skip.If(LibTorchLocator.Find(TorchDevice.Cuda, null, Environment.GetEnvironmentVariable("LD_LIBRARY_PATH")) is not null,
            "a CUDA libtorch is on LD_LIBRARY_PATH here");
        using var tmp = new TempDir();
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        int rc;
        try
        {
            rc = Cli.Run(["gpu", "--model", TinyModel.ConfigPath, "--device", "cuda", "--case", "4:2", "--out", tmp.Path]);
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Equal(1, rc);
        Assert.Contains("no CUDA libtorch found", err.ToString());
        Assert.Contains("LD_LIBRARY_PATH", err.ToString());
        Assert.False(Directory.Exists(Path.Combine(tmp.Path, "gpu_output")));
    }

    [Fact]
    public void LogitsVerbWritesWeightsAndEveryBackendsLogits()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var weights = Path.Combine(tmp.Path, "w");
        // --out is a folder, as in every verb (it was the logits file itself on b4d1dee)
        var logits = Path.Combine(tmp.Path, "check.safetensors");
        var rc = Cli.Run(["gpu", "logits", "--model", TinyModel.ConfigPath, "--device", "cpu", "--layers", "1",
                          "--save-weights", weights, "--out", tmp.Path, "--name", "check", "--tokens", "9"]);
        Assert.Equal(0, rc);
        Assert.True(File.Exists(Path.Combine(weights, "config.json")));
        using var r = new SafetensorsReader(logits);
        Assert.Equal(new long[] { 1, 9 }, r.Entries["input_ids"].Shape);
        Assert.Equal(new long[] { 1, 9, 256 }, r.Entries["logits.naive"].Shape);
        using var a = r.Read("logits.naive");
        using var b = r.Read("logits.torch-opt");
        Assert.True((a - b).abs().max().item<float>() < 1e-3f);
    }

    [Fact]
    public void MergeVerbCombinesFiles()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        Assert.Equal(0, Gpu(new ScriptedRunMeter(), "--model", TinyModel.ConfigPath, "--device", "cpu", "--case", "4:16", "--backend", "naive",
                            "--warmup", "0", "--repetitions", "1", "--out", Path.Combine(tmp.Path, "a")));
        Assert.Equal(0, Gpu(new ScriptedRunMeter(), "--model", TinyModel.ConfigPath, "--device", "cpu", "--case", "4:16", "--backend", "torch-opt",
                            "--warmup", "0", "--repetitions", "1", "--out", Path.Combine(tmp.Path, "b")));
        var into = tmp.File("all.csv");
        Assert.Equal(0, Cli.Run(["gpu", "merge", "--into", into,
                                 Path.Combine(tmp.Path, "a", "gpu_output", "cpu.csv"), Path.Combine(tmp.Path, "b", "gpu_output", "cpu.csv")]));
        Assert.Equal(2, GpuResultsFile.Read(into).Count);
    }
}
