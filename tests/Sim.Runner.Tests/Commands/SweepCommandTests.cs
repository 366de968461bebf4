using System.Globalization;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary><c>vhksim sweep</c> end to end on a cheap case.</summary>
[Collection("Console")]
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-sweep-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private string[] Common => ["--case", "16:16", "--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", _dir];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The cells of a table row drawn as "| a | b |".</summary>
    private static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    private static List<string[]> Csv(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    /// <summary>The one sweep folder under OUT/sweeps.</summary>
    private string SweepDir() => Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "sweeps")));

    [Fact]
    public void A_one_key_sweep_prints_a_table_and_writes_CSV_and_plot()
    {
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", .. Common]);
        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        // A Spectre.Console table (ASCII borders off a terminal): border, header, rule, three rows, border; then the front.
        Assert.Equal(["Point", "CLOCK_FREQ_MHZ", "Prefill (ms)", "Decode (ms)", "Decode tokens/s", "Δ decode tokens/s %", "LD %"], Cells(lines[1])[..7]);
        Assert.Equal("baseline", Cells(lines[3])[0]); // the base config: CLOCK_FREQ_MHZ 225
        Assert.StartsWith("Pareto front (max decode_tokens_per_s vs min dsp", lines[7]);

        var csv = Csv(Path.Combine(SweepDir(), "sweep.csv"));
        Assert.Equal(["point", "role", "CLOCK_FREQ_MHZ"], csv[0][..3]);
        int tps = Array.IndexOf(csv[0], "decode_tokens_per_s"), mv = Array.IndexOf(csv[0], "util_mv"), delta = Array.IndexOf(csv[0], "delta_decode_tokens_per_s_pct");
        Assert.Equal(4, csv.Count);
        double Tps(int row) => double.Parse(csv[row][tps], CultureInfo.InvariantCulture);
        Assert.True(Tps(3) > Tps(1) && Tps(1) > Tps(2), "a faster clock decodes faster");
        Assert.InRange(double.Parse(csv[1][mv], CultureInfo.InvariantCulture), 0.1, 100);
        Assert.Equal(("225", "200", "300"), (csv[1][2], csv[2][2], csv[3][2]));
        Assert.Equal("0", csv[1][delta]);
        Assert.Equal(100 * (Tps(3) - Tps(1)) / Tps(1), double.Parse(csv[3][delta], CultureInfo.InvariantCulture), 4);

        var svg = File.ReadAllText(Path.Combine(SweepDir(), "sweep.svg"));
        Assert.Contains("<svg", svg);
        Assert.Contains("Decode throughput vs CLOCK_FREQ_MHZ", svg);
        Assert.Contains("decode tokens/s", svg);

        var again = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", .. Common]);
        Assert.Contains("6 reused", again.Stderr);
        Assert.Equal(stdout, again.Stdout);
    }

    [Fact]
    public void Invalid_points_are_reported_with_their_error_and_skipped()
    {
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=0,225", "--set", "GLOBAL_BUFFER_DEPTH=32,512", .. Common]);
        Assert.True(code == 0, stderr);
        Assert.Contains("skipped point 2: CLOCK_FREQ_MHZ=0, GLOBAL_BUFFER_DEPTH=512: CLOCK_FREQ_MHZ must be > 0", stderr);
        Assert.Contains("skipped point 3: ", stderr);
        Assert.Contains("GLOBAL_BUFFER_DEPTH=32, 32 lines per row", stderr); // the compiler's rejection
        Assert.StartsWith("Pareto", stdout.Split('\n')[6]); // border, header, rule, the baseline and the one valid point, border

        var csv = Csv(Path.Combine(SweepDir(), "sweep.csv"));
        Assert.Equal(6, csv.Count);
        int error = Array.IndexOf(csv[0], "error"), tps = Array.IndexOf(csv[0], "decode_tokens_per_s");
        Assert.Equal(["x", "", "", "", "x"], csv.Skip(1).Select(r => r[tps] == "" ? "" : "x"));
        Assert.Equal("", csv[5][^1]);
        Assert.False(File.Exists(Path.Combine(SweepDir(), "sweep.svg"))); // two keys: a heatmap, no line plot
        Assert.True(File.Exists(Path.Combine(SweepDir(), "heatmap.png")));
        Assert.True(error > tps);
    }

    [Fact]
    public void A_sweep_with_no_valid_point_fails()
    {
        var (code, _, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=0,-1", .. Common]);
        Assert.Equal(1, code);
        Assert.Contains("skipped point 2: CLOCK_FREQ_MHZ=-1", stderr);
        Assert.Contains("error: every point of the sweep was skipped; nothing written", stderr);
    }

    [Theory]
    [InlineData("CLOCK_FREQ_MHS=200", "unknown hardware config key 'CLOCK_FREQ_MHS' (did you mean 'CLOCK_FREQ_MHZ'?)")]
    [InlineData("CLOCK_FREQ_MHZ", "is not KEY=v1,v2,...")]
    public void Bad_set_options_fail_before_simulating(string set, string message)
    {
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--set", set, .. Common]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.Contains("hint: ", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "points")));
    }

    [Fact]
    public void Help_shows_examples()
    {
        var (code, stdout, _) = CliHarness.Run("sweep", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", stdout);
        Assert.Contains("--set CLOCK_FREQ_MHZ=200,225,300", stdout);
    }
}
