using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary><c>vhksim run --model FILE</c> for models other than LLaMA2-7B: the FPGA column simulated for that model, GPU columns from rows carrying its name.</summary>
[Collection("Console")]
public sealed class RunModelTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-run-model-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static string[] Values(string row) => row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..];

    private static string[] Block(string table, string model, int prefill, int decode)
    {
        var lines = table.Split('\n');
        int at = Array.FindIndex(lines, l => l.Contains($"Case: {model}, (Batch 1, Prefill {prefill,3}, Decode {decode,4})"));
        Assert.True(at >= 0, table);
        return lines[at..(at + 7)];
    }

    [Fact]
    public void Opt_rows_fill_the_gpu_columns_of_the_opt_comparison_and_other_models_rows_do_not()
    {
        var gpu = GpuResultsCsv.Write(Path.Combine(_dir, "gpu.csv"),
        [
            new(16, 16, "naive", 30.5, 400.5, Device: "NVIDIA H200", Model: "opt-6.7b"),
            new(16, 16, "opt", 8.5, 70.5, Device: "NVIDIA H200", Model: "opt-6.7b"),
            new(32, 16, "naive", 21.5, 330.25, Device: "NVIDIA H200"),   // llama2-7b: not this model's
        ]);
        var (code, stdout, stderr) = CliHarness.Run(["run", "--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "opt-6.7b.yaml"), "--case", "16:16", "--case", "32:16",
            "--gpu-results", gpu, "--out", Path.Combine(_dir, "out")]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Profiling for opt-6.7B", stderr);
        var measured = Block(stdout, "opt-6.7B", 16, 16);
        Assert.Equal(["30.5", "8.5"], Values(measured[2])[..2]);
        Assert.Equal(["400.5", "70.5"], Values(measured[3])[..2]);
        var missing = Block(stdout, "opt-6.7B", 32, 16);
        Assert.All(missing[2..7], row => Assert.Equal(["n/a", "n/a"], Values(row)[..2]));
        Assert.Contains("n/a for 32:16", stdout);
        Assert.Contains("IR generated from", stdout);
        Assert.Contains("opt-6.7b.yaml", stdout);

        // The same cases for LLaMA2-7B take its row and none of OPT's.
        (code, stdout, stderr) = CliHarness.Run(["run", "--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--case", "16:16", "--case", "32:16",
            "--gpu-results", gpu, "--out", Path.Combine(_dir, "out")]);
        Assert.True(code == 0, stderr);
        Assert.Equal(["n/a", "n/a"], Values(Block(stdout, "llama2-7B", 16, 16)[2])[..2]);
        Assert.Equal("21.5", Values(Block(stdout, "llama2-7B", 32, 16)[2])[0]);
    }

    [Fact]
    public void A_model_the_machine_cannot_hold_is_one_error_line()
    {
        var config = Path.Combine(_dir, "small-hbm.yaml");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(config, File.ReadAllText(Repo("configs", "vhk158.yaml")).Replace("HBM_TOTAL_SIZE_GB: 8", "HBM_TOTAL_SIZE_GB: 4"));
        var (code, _, stderr) = CliHarness.Run(["fpga", "--model", Repo("configs", "models", "llama2-13b.yaml"), "--config", config,
            "--case", "16:16", "--out", Path.Combine(_dir, "out")]);
        Assert.Equal(1, code);
        var errors = stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.Contains("more than HBM_TOTAL_SIZE_GB (4 GiB) holds", errors[0]);
        Assert.DoesNotContain("   at ", stderr);
    }
}
