using System.Globalization;
using System.Text.Json;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary><c>vhksim run</c> end to end: GPU result files merged into the seed's table, the machine formats, the cache.</summary>
[Collection("Console")]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-run-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private string Out => Path.Combine(_dir, "out");
    private string[] Common(string? config = null) =>
        ["--config", config ?? Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", Out];

    // Two cheap cases (prefill bucket 128, decode buckets 32 and 48); GPU-opt of 16:16 has both
    // backends (opt must win), 32:16 only torch-opt.
    private static readonly GpuResultsCsv.Row[] Rows =
    [
        new(16, 16, "naive", 21.5, 330.25), new(16, 16, "torch-opt", 11.5, 130.5), new(16, 16, "opt", 9.25, 100.75),
        new(32, 16, "naive", 22.5, 340.75), new(32, 16, "torch-opt", 12.25, 140.5),
        new(16, 16, "naive", 1, 1, Model: "llama2-13b"),
    ];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string GpuFile(IEnumerable<GpuResultsCsv.Row>? rows = null) =>
        GpuResultsCsv.Write(Path.Combine(_dir, "gpu.csv"), rows ?? Rows, ",notes", ",extra column");

    private (int Code, string Stdout, string Stderr) Run(params string[] args) => CliHarness.Run(["run", .. args]);

    private static string[] Block(string table, int prefill, int decode)
    {
        var lines = table.Split('\n');
        int at = Array.FindIndex(lines, l => l.Contains($"(Batch 1, Prefill {prefill,3}, Decode {decode,4})"));
        Assert.True(at >= 0, table);
        return lines[at..(at + 7)];
    }

    private static string[] Values(string row) => row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..];

    [Fact]
    public void GPU_results_fill_the_seed_table_and_the_footer_names_their_source()
    {
        var gpu = GpuFile();
        var (code, stdout, stderr) = Run(["--case", "16:16", "--case", "32:16", "--gpu-results", gpu, .. Common()]);
        Assert.True(code == 0, stderr);

        var block = Block(stdout, 16, 16);
        Assert.Equal("| Hardware                 |  GPU-naive  |   GPU-opt   | VHK158 FPGA |", block[1]);
        var prefill = Values(block[2]);
        var total = Values(block[4]);
        var speedup = Values(block[6]);
        Assert.Equal(["21.5", "9.2"], prefill[..2]); // opt (9.25 → 9.2, as %.1f rounds half to even) beats torch-opt
        double fpgaTotal = double.Parse(total[2], CultureInfo.InvariantCulture);
        Assert.InRange(double.Parse(speedup[0], CultureInfo.InvariantCulture), 351.75 / fpgaTotal - 0.002, 351.75 / fpgaTotal + 0.002);
        Assert.Equal("1.000", speedup[2]);
        Assert.Equal("12.2", Values(Block(stdout, 32, 16)[2])[1]); // torch-opt where no opt row exists

        Assert.Contains($"GPU-naive: {gpu} (NVIDIA H100 80GB HBM3, backend naive, 2026-11-25, protocol quick)", stdout);
        Assert.Contains("backend opt,", stdout);
        Assert.Contains("backend torch-opt,", stdout);
        Assert.Contains("VHK158 FPGA: simulated by VhkSim", stdout);
        Assert.EndsWith("+\n", stdout.Split("GPU-naive:")[0]);
    }

    [Fact]
    public void Cases_without_GPU_rows_print_na_and_say_so()
    {
        var gpu = GpuFile([new(128, 512, "naive", 22.9, 10707.1)]);
        var (code, stdout, stderr) = Run(["--case", "16:16", "--gpu-results", gpu, .. Common()]);
        Assert.True(code == 0, stderr);
        var block = Block(stdout, 16, 16);
        Assert.All(block[2..7], row => Assert.Equal(["n/a", "n/a"], Values(row)[..2]));
        Assert.Contains($"GPU-naive: n/a: no naive results for llama2-7b (batch 1) of these cases in {gpu}", stdout);
        Assert.Contains("GPU-opt: n/a: no opt or torch-opt results", stdout);
    }

    [Fact]
    public void Machine_formats_carry_the_same_numbers()
    {
        var gpu = GpuFile();
        string[] args = ["--case", "16:16", "--case", "32:16", "--gpu-results", gpu, .. Common()];

        var csv = Run([.. args, "--format", "csv"]);
        Assert.True(csv.Code == 0, csv.Stderr);
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("model,batch,prefill,decode,hardware,prefill_ms,decode_ms,total_ms,decode_tokens_per_s,vhk158_speedup,source", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("llama2-7B,1,16,16,GPU-opt,9.25,100.75,110,", lines[2]);
        var fpga = lines[3].Split(',');
        Assert.Equal(("VHK158 FPGA", "1"), (fpga[4], fpga[9]));

        var json = Run([.. args, "--format", "json"]);
        Assert.True(json.Code == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var cases = doc.RootElement.GetProperty("cases");
        Assert.Equal(2, cases.GetArrayLength());
        var hw = cases[1].GetProperty("hardware");
        Assert.Equal("GPU-opt", hw[1].GetProperty("name").GetString());
        Assert.Equal(12.25, hw[1].GetProperty("prefill_ms").GetDouble());
        Assert.Equal(double.Parse(fpga[7], CultureInfo.InvariantCulture), cases[0].GetProperty("hardware")[2].GetProperty("total_ms").GetDouble());
        Assert.Equal(3, doc.RootElement.GetProperty("sources").GetArrayLength());

        var md = Run([.. args, "--format", "markdown"]);
        Assert.True(md.Code == 0, md.Stderr);
        Assert.StartsWith("| Case (P:D) | Hardware | Prefill (ms) |", md.Stdout);
        Assert.Contains("| 16:16 | GPU-naive | 21.5 | 330.2 | 351.8 |", md.Stdout);
        Assert.Contains("- GPU-opt: ", md.Stdout);
    }

    [Fact]
    public void Bad_GPU_files_are_input_errors_naming_file_and_line()
    {
        var missing = Path.Combine(_dir, "missing-column.csv");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(missing, "batch,prefill,decode,backend,device,model,prefill_ms\n1,16,16,naive,x,llama2-7b,1\n");
        var (code, _, stderr) = Run(["--gpu-results", missing, .. Common()]);
        Assert.Equal(1, code);
        Assert.Contains($"error: {missing}:1: not a GPU results file", stderr);
        Assert.Contains("decode_ms", stderr);
        Assert.Contains("hint: ", stderr);

        var badValue = GpuFile();
        var text = File.ReadAllLines(badValue);
        text[2] = text[2].Replace(",11.5,", ",fast,");
        File.WriteAllLines(badValue, text);
        (code, _, stderr) = Run(["--gpu-results", badValue, .. Common()]);
        Assert.Equal(1, code);
        Assert.Contains($"error: {badValue}:3: ", stderr);
        Assert.DoesNotContain("   at ", stderr);

        var negative = GpuFile([new(16, 16, "naive", 1, 2), new(32, 16, "naive", -1, 2)]);
        (code, _, stderr) = Run(["--gpu-results", negative, .. Common()]);
        Assert.Equal(1, code);
        Assert.Contains($"error: {negative}:3: prefill_ms must be finite and not negative", stderr);

        (code, _, stderr) = Run(["--gpu-results", Path.Combine(_dir, "nope.csv"), .. Common()]);
        Assert.Equal(1, code);
        Assert.Contains("GPU results file not found", stderr);
    }

    [SkippableFact]
    public void Measure_gpu_without_a_CUDA_libtorch_says_what_is_missing_before_simulating()
    {
        Skip.If(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH")?.Contains("torch", StringComparison.Ordinal) == true,
            "a CUDA libtorch may be on LD_LIBRARY_PATH here");
        var (code, stdout, stderr) = Run(["--measure-gpu", "--gpu-quick", "--case", "16:16", .. Common()]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("error: no CUDA libtorch found", stderr);
        Assert.DoesNotContain("Profiling for", stderr);
    }

    [Fact]
    public void A_rerun_reuses_the_CSVs_and_an_edited_config_is_simulated_again()
    {
        string[] args = ["--case", "16:16", "--format", "csv"];
        var first = Run([.. args, .. Common()]);
        Assert.True(first.Code == 0, first.Stderr);
        Assert.Contains("2 buckets: 2 simulated, 0 reused", first.Stderr);

        var second = Run([.. args, .. Common()]);
        Assert.Contains("2 buckets: 0 simulated, 2 reused", second.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);

        var edited = Path.Combine(_dir, "fast.yaml");
        File.WriteAllText(edited, File.ReadAllText(Repo("configs", "vhk158.yaml")).Replace("CLOCK_FREQ_MHZ: 225", "CLOCK_FREQ_MHZ: 300"));
        var third = Run([.. args, .. Common(edited)]);
        Assert.True(third.Code == 0, third.Stderr);
        Assert.Contains("2 buckets: 2 simulated, 0 reused", third.Stderr);
        double Total(string csv) => double.Parse(csv.Split('\n')[3].Split(',')[7], CultureInfo.InvariantCulture);
        Assert.True(Total(third.Stdout) < Total(first.Stdout));

        var forced = Run([.. args, "--no-cache", .. Common(edited)]);
        Assert.Contains("2 buckets: 2 simulated, 0 reused", forced.Stderr);
        Assert.Equal(third.Stdout.Replace(edited, ""), forced.Stdout.Replace(edited, ""));
        // Per-bucket progress lines come only for work over 2 s (issue 14: a cached run printed 122 lines).
    }

    [Fact]
    public void Cases_come_from_a_case_file()
    {
        var file = Path.Combine(_dir, "cases.yaml");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(file, "cases:\n  - {prefill: 16, decode: 16}\n");
        var (code, stdout, stderr) = Run(["--cases", file, "--case", "32:16", .. Common()]);
        Assert.True(code == 0, stderr);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.StartsWith("+--------Case:", StringComparison.Ordinal)));
        Assert.True(stdout.IndexOf("Prefill  16", StringComparison.Ordinal) < stdout.IndexOf("Prefill  32", StringComparison.Ordinal));

        File.WriteAllText(file, "cases:\n  - {prefill: 16, decode: 16}\n  - {prefill: x, decode: 16}\n");
        (code, _, stderr) = Run(["--cases", file, .. Common()]);
        Assert.Equal(1, code);
        Assert.Contains($"error: {file}:3: 'prefill' must be a whole number of tokens", stderr);
    }

    [Fact]
    public void The_repository_case_file_holds_the_seed_cases()
    {
        var cases = Infrastructure.CaseFile.Load(Repo("configs", "cases.yaml"));
        Assert.Equal(Sim.Vhk158.Profiling.FpgaCase.Standard, cases);
    }

    [Fact]
    public void Help_shows_examples()
    {
        var (code, stdout, _) = CliHarness.Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", stdout);
        Assert.Contains("--gpu-results", stdout);
        Assert.Contains("--format", stdout);
    }
}
