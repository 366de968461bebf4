using System.Diagnostics;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>
/// <c>vhksim sweep submit --slurm</c>: the scripts it writes (dry run), shards with valid results
/// left out on resubmission, and a real single-node Slurm run where one is up (.ci/slurm.sh
/// starts one in CI; elsewhere that test skips with a message).
/// </summary>
[Collection("Console")]
public sealed class SweepSubmitCommandTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);

    private string[] Sweep(string outDir) =>
    [
        "--set", "CLOCK_FREQ_MHZ=200,250,300", "--set", "HBM_BW_GB_PER_SEC=409.6,819.2,1638.4", "--case", "16:16",
        "--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", outDir,
    ];

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void A_dry_run_writes_an_array_and_a_merge_script_with_absolute_paths()
    {
        var outDir = _tmp.File("out");
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "submit", "--slurm", "--dry-run", "--points-per-task", "4", "--partition", "short", "--array-limit", "2", .. Sweep(outDir)]);
        Assert.True(code == 0, stderr);
        Assert.Contains("10 points in 3 shards", stderr); // 9 points and the baseline
        var dir = Assert.Single(Directory.GetDirectories(Path.Combine(outDir, "sweeps")));
        var array = File.ReadAllText(Path.Combine(dir, "slurm", "array.sbatch"));
        Assert.Contains("#SBATCH --array=0-2%2\n", array);
        Assert.Contains("#SBATCH --partition=short\n", array);
        Assert.Contains($" sweep --spec '{Path.Combine(dir, "spec.yaml")}' --out '{outDir}' --shard \"${{SLURM_ARRAY_TASK_ID}}/3\"", array);
        var vhksim = array.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal)).Split(' ')[1].Trim('\'');
        Assert.True(Path.IsPathRooted(vhksim) && File.Exists(vhksim), vhksim);
        var merge = File.ReadAllText(Path.Combine(dir, "slurm", "merge.sbatch"));
        Assert.Contains($" sweep merge '{dir}'", merge);
        Assert.Contains("--kill-on-invalid-dep=yes", merge);
        Assert.Contains("--dependency=afterok:ARRAY_JOB_ID", stdout);
    }

    [Fact]
    public void Shards_with_valid_results_are_left_out_of_a_resubmission()
    {
        var outDir = _tmp.File("out");
        Assert.Equal(0, CliHarness.Run(["sweep", "submit", "--slurm", "--dry-run", "--points-per-task", "4", .. Sweep(outDir)]).Code);
        var dir = Assert.Single(Directory.GetDirectories(Path.Combine(outDir, "sweeps")));
        Assert.Equal(0, CliHarness.Run(["sweep", "--spec", Path.Combine(dir, "spec.yaml"), "--out", outDir, "--shard", "1/3"]).Code);
        var (code, _, stderr) = CliHarness.Run(["sweep", "submit", "--slurm", "--dry-run", "--points-per-task", "4", .. Sweep(outDir)]);
        Assert.True(code == 0, stderr);
        Assert.Contains("1 already done, 2 to run", stderr);
        Assert.Contains("#SBATCH --array=0,2\n", File.ReadAllText(Path.Combine(dir, "slurm", "array.sbatch")));
    }

    [Fact]
    public void Submit_needs_slurm() =>
        Assert.Contains("--slurm", CliHarness.Run(["sweep", "submit", .. Sweep(_tmp.File("out"))]).Stderr);

    /// <summary>Whether a Slurm cluster answers here (sinfo lists a usable node).</summary>
    private static string? SlurmProblem()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("sinfo", "-h -o %T") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(10_000)) return "sinfo did not answer in 10 s";
            return p.ExitCode == 0 && output.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated")
                ? null : $"sinfo found no usable node ({output.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "sinfo is not installed";
        }
    }

    [SkippableFact]
    public void A_sweep_submitted_to_Slurm_merges_equal_to_the_in_process_run()
    {
        var problem = SlurmProblem();
        Skip.If(problem is not null, $"no Slurm cluster here ({problem}); .ci/run starts a single-node one with .ci/slurm.sh");
        var slurmOut = _tmp.File("slurm");
        var local = _tmp.File("local");
        // 10 points (9 and the baseline) in 3 array tasks of at most 4 points; --wait blocks until the merge job ends.
        var submit = Task.Run(() => CliHarness.Run(["sweep", "submit", "--slurm", "--wait", "--points-per-task", "4", "--time", "5", .. Sweep(slurmOut)]));
        Assert.True(submit.Wait(TimeSpan.FromMinutes(5)), "the Slurm jobs did not finish within 5 minutes");
        var (code, stdout, stderr) = submit.Result;
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("(3 tasks)", stdout);
        Assert.Contains("finished", stdout);

        Assert.Equal(0, CliHarness.Run(["sweep", .. Sweep(local)]).Code);
        var id = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(local, "sweeps"))));
        var fromSlurm = Path.Combine(slurmOut, "sweeps", id);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(fromSlurm, "shards"), "*.csv").Length);
        Assert.Equal(File.ReadAllBytes(Path.Combine(local, "sweeps", id, "sweep.csv")), File.ReadAllBytes(Path.Combine(fromSlurm, "sweep.csv")));
    }
}
