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

    private static List<string[]> Csv(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    [Fact]
    public void A_one_key_sweep_prints_a_table_and_writes_CSV_and_plot()
    {
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", .. Common]);
        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("CLOCK_FREQ_MHZ  Prefill (ms)  Decode (ms)  Decode tok/s  LD %", lines[0].TrimStart());
        Assert.Equal(4, lines.Length);

        var csv = Csv(Path.Combine(_dir, "sweep", "sweep.csv"));
        Assert.Equal("CLOCK_FREQ_MHZ", csv[0][0]);
        int tps = Array.IndexOf(csv[0], "decode_tokens_per_s"), mv = Array.IndexOf(csv[0], "util_mv");
        Assert.Equal(3, csv.Count);
        double Tps(int row) => double.Parse(csv[row][tps], CultureInfo.InvariantCulture);
        Assert.True(Tps(2) > Tps(1), "a faster clock decodes faster");
        Assert.InRange(double.Parse(csv[1][mv], CultureInfo.InvariantCulture), 0.1, 100);
        Assert.Equal(("200", "300"), (csv[1][0], csv[2][0]));

        var svg = File.ReadAllText(Path.Combine(_dir, "sweep", "sweep.svg"));
        Assert.Contains("<svg", svg);
        Assert.Contains("Decode throughput vs CLOCK_FREQ_MHZ", svg);
        Assert.Contains("decode tokens/s", svg);

        var again = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", .. Common]);
        Assert.Contains("4 reused", again.Stderr);
        Assert.Equal(stdout, again.Stdout);
    }

    [Fact]
    public void Invalid_points_are_reported_with_their_error_and_skipped()
    {
        var (code, stdout, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=0,225", "--set", "GLOBAL_BUFFER_DEPTH=32,512", .. Common]);
        Assert.True(code == 0, stderr);
        Assert.Contains("skipped CLOCK_FREQ_MHZ=0, GLOBAL_BUFFER_DEPTH=512: CLOCK_FREQ_MHZ must be > 0", stderr);
        Assert.Contains("skipped CLOCK_FREQ_MHZ=225, GLOBAL_BUFFER_DEPTH=32: ", stderr);
        Assert.Contains("GLOBAL_BUFFER_DEPTH=32, 32 lines per row", stderr); // the compiler's rejection
        Assert.Equal(3, stdout.TrimEnd('\n').Split('\n').Length); // header, rule, the one valid point

        var csv = Csv(Path.Combine(_dir, "sweep", "sweep.csv"));
        Assert.Equal(5, csv.Count);
        int error = Array.IndexOf(csv[0], "error"), tps = Array.IndexOf(csv[0], "decode_tokens_per_s");
        Assert.Equal(["", "", "", "x"], csv.Skip(1).Select(r => r[tps] == "" ? "" : "x"));
        Assert.Equal("", csv[4][^1]);
        Assert.False(File.Exists(Path.Combine(_dir, "sweep", "sweep.svg"))); // two keys: no line plot
        Assert.True(error > tps);
    }

    [Fact]
    public void A_sweep_with_no_valid_point_fails()
    {
        var (code, _, stderr) = CliHarness.Run(["sweep", "--set", "CLOCK_FREQ_MHZ=0,-1", .. Common]);
        Assert.Equal(1, code);
        Assert.Contains("skipped CLOCK_FREQ_MHZ=-1", stderr);
        Assert.Contains("error: every point of the sweep was skipped", stderr);
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
