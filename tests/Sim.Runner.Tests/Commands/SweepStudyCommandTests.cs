using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>
/// <c>vhksim sweep --spec</c>, <c>--shard</c> and <c>sweep merge</c> end to end on a cheap case:
/// each sweep in its own folder, shards merged byte-identical to an unsharded run, and the study
/// reports (Pareto list and plot, heatmap, feasibility).
/// </summary>
[Collection("Console")]
public sealed class SweepStudyCommandTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);

    private string[] Common(string outDir) => ["--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", outDir];

    private const string Spec = """
        name: clock-by-mv
        cases: ["16:16"]
        axes:
          CLOCK_FREQ_MHZ: [200, 300]
          MV_PARALLEL_N: [32, 64, 512]
        constraints: ["MV_PARALLEL_N * CLOCK_FREQ_MHZ < 150000"]
        heatmap: {x: CLOCK_FREQ_MHZ, y: MV_PARALLEL_N}
        """;

    public void Dispose() => _tmp.Dispose();

    private string WriteSpec(string text, string name = "spec.yaml")
    {
        var path = _tmp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_spec_sweep_writes_its_own_folder_with_the_resolved_spec_and_the_study()
    {
        var outDir = _tmp.File("out");
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--spec", WriteSpec(Spec), .. Common(outDir)]);
        Assert.True(code == 0, stderr);
        var dir = Path.Combine(outDir, "sweeps", "clock-by-mv");
        var spec = File.ReadAllText(Path.Combine(dir, "spec.yaml"));
        Assert.Contains("sampling: {method: grid}", spec);
        Assert.Contains($"config: \"{Repo("configs", "vhk158.yaml")}\"", spec);
        Assert.Contains("5 points and the baseline (5 run, 0 skipped; 1 of 6 sampled excluded by constraints)", stderr); // 300 x 512 excluded

        var csv = File.ReadAllLines(Path.Combine(dir, "sweep.csv")).Select(l => l.Split(',')).ToList();
        int feasible = Array.IndexOf(csv[0], "feasible"), on = Array.IndexOf(csv[0], "feasible_on"), mv = Array.IndexOf(csv[0], "MV_PARALLEL_N");
        var wide = csv.Single(r => r[mv] == "512");
        Assert.Equal(("no", ""), (wide[feasible], wide[on])); // 4 cores x 8,192 MACs: no known device
        Assert.Contains("VHK158: 4 cores x 8192 MACs need 16384 DSP58, it has 7392", File.ReadAllText(Path.Combine(dir, "sweep.csv")));

        // The front (decode tok/s vs DSPs) lists feasible points only; every feasible point needs 8,192 DSPs, so it is the fastest one.
        var pareto = File.ReadAllLines(Path.Combine(dir, "pareto.csv"));
        Assert.Equal(2, pareto.Length);
        Assert.Contains("Pareto front (max decode_tokens_per_s vs min dsp; feasible points that ran): 1 points", stdout);
        Assert.Contains("CLOCK_FREQ_MHZ=300, MV_PARALLEL_N=64", stdout);

        foreach (var png in new[] { "pareto.png", "heatmap.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(dir, png))[..4]);
        Assert.Contains("decode_tokens_per_s over CLOCK_FREQ_MHZ", File.ReadAllText(Path.Combine(dir, "heatmap.svg")));
        Assert.Contains("Pareto front: max decode_tokens_per_s vs min dsp", File.ReadAllText(Path.Combine(dir, "pareto.svg")));
    }

    [Fact]
    public void Sharded_runs_merge_byte_identical_to_an_unsharded_run_and_merging_is_idempotent()
    {
        var spec = WriteSpec(Spec);
        var whole = _tmp.File("whole");
        var sharded = _tmp.File("sharded");
        Assert.Equal(0, CliHarness.Run(["sweep", "--spec", spec, .. Common(whole)]).Code);
        var dir = Path.Combine(sharded, "sweeps", "clock-by-mv");
        for (int i = 0; i < 3; i++)
        {
            var (code, _, stderr) = CliHarness.Run(["sweep", "--spec", spec, "--shard", $"{i}/3", .. Common(sharded)]);
            Assert.True(code == 0, stderr);
            Assert.False(File.Exists(Path.Combine(dir, "sweep.csv")), "a shard does not merge");
        }
        var again = CliHarness.Run(["sweep", "--spec", spec, "--shard", "1/3", .. Common(sharded)]);
        Assert.Contains("shard 1/3 of sweep clock-by-mv already has valid results", again.Stderr);

        var merge = CliHarness.Run("sweep", "merge", dir);
        Assert.True(merge.Code == 0, merge.Stderr);
        var wholeDir = Path.Combine(whole, "sweeps", "clock-by-mv");
        foreach (var file in new[] { "sweep.csv", "pareto.csv", "spec.yaml" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(wholeDir, file)), File.ReadAllBytes(Path.Combine(dir, file)));
        var first = File.ReadAllBytes(Path.Combine(dir, "sweep.csv"));
        Assert.Equal(0, CliHarness.Run("sweep", "merge", dir).Code);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(dir, "sweep.csv")));
    }

    [Fact]
    public void Merging_an_incomplete_sweep_names_the_missing_shards()
    {
        var outDir = _tmp.File("out");
        Assert.Equal(0, CliHarness.Run(["sweep", "--spec", WriteSpec(Spec), "--shard", "0/2", .. Common(outDir)]).Code);
        var (code, _, stderr) = CliHarness.Run("sweep", "merge", Path.Combine(outDir, "sweeps", "clock-by-mv"));
        Assert.Equal(1, code);
        Assert.Contains("missing or not valid for this spec: of 2: 1/2", stderr);
        Assert.Contains("hint: ", stderr);
    }

    [Fact]
    public void Sweeps_never_overwrite_each_other_and_only_invalid_points_never_replace_results()
    {
        var outDir = _tmp.File("out");
        Assert.Equal(0, CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", "--case", "16:16", .. Common(outDir)]).Code);
        Assert.Equal(0, CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=250", "--case", "16:16", .. Common(outDir)]).Code);
        var dirs = Directory.GetDirectories(Path.Combine(outDir, "sweeps"));
        Assert.Equal(2, dirs.Length); // each named by its spec's hash
        Assert.All(dirs, d => Assert.Matches("^[0-9a-f]{12}$", Path.GetFileName(d)));

        Assert.Equal(0, CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", "--case", "16:16", "--name", "mine", .. Common(outDir)]).Code);
        var csv = Path.Combine(outDir, "sweeps", "mine", "sweep.csv");
        var good = File.ReadAllBytes(csv);
        var (code, _, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=0,-5", "--case", "16:16", "--name", "mine", .. Common(outDir)]);
        Assert.Equal(1, code);
        Assert.Contains("sweep 'mine' already holds a different spec", stderr);
        Assert.Equal(good, File.ReadAllBytes(csv));

        var bad = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=0,-5", "--case", "16:16", .. Common(outDir)]);
        Assert.Equal(1, bad.Code);
        Assert.Contains("every point of the sweep was skipped; nothing written", bad.Stderr);
        // Its folder holds only the resolved spec: the three good sweeps keep their results.
        Assert.Equal(4, Directory.GetDirectories(Path.Combine(outDir, "sweeps")).Length);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(outDir, "sweeps"), "sweep.csv", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void A_bad_spec_is_one_error_naming_the_file_and_line()
    {
        var path = WriteSpec("cases: [\"16:16\"]\naxes:\n  CLOCK_FREQ_MHS: [200]\n");
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--spec", path, .. Common(_tmp.File("out"))]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains($"error: {path}:3: axes: unknown hardware config key 'CLOCK_FREQ_MHS' (did you mean 'CLOCK_FREQ_MHZ'?)", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
