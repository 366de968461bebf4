using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Hardening;

/// <summary>One vocabulary across verbs (issue 14); each of these failed on b4d1dee.</summary>
[Collection("Console")]
public sealed class VerbVocabularyTests : IDisposable
{
    private static readonly string[] Verbs = ["run", "config", "ir", "compile", "profile", "fpga", "bench", "gpu", "timeline", "sweep", "hbm", "validate"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-vocab-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Root_help_lists_each_verb_on_one_line()
    {
        var (code, stdout, _) = CliHarness.Run("--help");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n');
        var verbLines = lines.SkipWhile(l => l != "Verbs:").Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Verbs, verbLines.Select(l => l.Trim().Split(' ')[0]));
        Assert.All(verbLines, l => Assert.True(l.Length <= 120, l));
        Assert.True(lines.Length < 25, $"{lines.Length} lines");
    }

    /// <summary>bench measures on this machine only: no speed-up against a time taken elsewhere (issue 14's "Silence and noise").</summary>
    [Fact]
    public void Bench_prints_no_ratio_against_a_constant_from_another_machine()
    {
        var (code, stdout, _) = CliHarness.Run("bench", "--no-loop", "--config", Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"),
            "--model", Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));
        Assert.Equal(0, code);
        Assert.Contains("peak memory", stdout);
        Assert.DoesNotContain("artifact", stdout);
        Assert.DoesNotContain("faster", stdout);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("fpga")]
    [InlineData("profile")]
    [InlineData("timeline")]
    [InlineData("sweep")]
    [InlineData("ir")]
    [InlineData("hbm")]
    [InlineData("gpu")]
    public void Help_shows_each_default_once(string verb)
    {
        var (code, stdout, _) = CliHarness.Run(verb, "--help");
        Assert.Equal(0, code);
        foreach (var line in stdout.Split('\n').Where(l => l.Contains("[default:", StringComparison.Ordinal)))
            Assert.DoesNotContain("(default", line);
    }

    [Fact]
    public void Quiet_leaves_results_only()
    {
        string[] args = ["profile", "--stage", "decode", "--tokens", "16", "--config", Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"),
            "--out", _dir, "--no-cache"];
        var loud = CliHarness.Run(args);
        Assert.Equal(0, loud.Code);
        Assert.Contains("wrote ", loud.Stderr);
        var quiet = CliHarness.Run([.. args, "--quiet"]);
        Assert.Equal(0, quiet.Code);
        Assert.Equal(loud.Stdout, quiet.Stdout);
        Assert.Equal("", quiet.Stderr);
    }

    [Fact]
    public void Quiet_keeps_warnings()
    {
        var (code, stdout, stderr) = CliHarness.Run("config", "check", Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"), "-q", "--no-compile");
        Assert.Equal(0, code);
        Assert.Equal("ok", stdout.Trim());
        Assert.StartsWith("warning: ", stderr);
    }

    [Fact]
    public void Gpu_reads_cases_from_a_file_like_the_other_verbs()
    {
        var missing = Path.Combine(_dir, "no-such-cases.yaml");
        var (code, _, stderr) = CliHarness.Run("gpu", "--cases", missing, "--device", "cpu");
        Assert.Equal(1, code);
        Assert.Contains(missing, stderr);
        Assert.Contains("not found", stderr);
    }

    [Fact]
    public void Config_init_copies_the_shipped_configs_for_editing()
    {
        var (code, stdout, stderr) = CliHarness.Run("config", "init", _dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("files copied", stdout);
        foreach (var file in new[] { "vhk158.yaml", "u280.yaml", "cases.yaml", Path.Combine("models", "llama2-7b.yaml") })
            Assert.Equal(File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "configs", file)), File.ReadAllText(Path.Combine(_dir, "configs", file)));
        // An edited copy is kept unless --force.
        File.WriteAllText(Path.Combine(_dir, "configs", "vhk158.yaml"), "edited");
        Assert.Contains("kept", CliHarness.Run("config", "init", _dir).Stdout);
        Assert.Equal("edited", File.ReadAllText(Path.Combine(_dir, "configs", "vhk158.yaml")));
    }

    [Fact]
    public void Compile_prints_its_counts_in_every_format()
    {
        string[] args = ["compile", "--stage", "decode", "--tokens", "16", "--config", Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"), "--out", _dir];
        var csv = CliHarness.Run([.. args, "--format", "csv"]);
        Assert.True(csv.Code == 0, csv.Stderr);
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("module,instructions", lines[0]);
        Assert.Equal(["LD", "ST", "MM", "MV", "MISC", "SYS", "TOTAL"], lines.Skip(1).Select(l => l.Split(',')[0]));
        long total = long.Parse(lines[^1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, lines.Skip(1).SkipLast(1).Sum(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));

        var json = CliHarness.Run([.. args, "--format", "json"]);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal(total, doc.RootElement.EnumerateArray().Last().GetProperty("instructions").GetInt64());
        var markdown = CliHarness.Run([.. args, "--format", "markdown"]);
        Assert.StartsWith("| module | instructions |\n|---|---:|\n", markdown.Stdout);
        var table = CliHarness.Run([.. args, "--format", "table"]);
        Assert.Contains("TOTAL", table.Stdout);
        Assert.Contains(total.ToString(System.Globalization.CultureInfo.InvariantCulture), table.Stdout);
    }
}
