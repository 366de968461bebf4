using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>Runs <c>vhksim config check</c> in-process and checks its output and exit code.</summary>
[Collection("Console")]
public class ConfigCommandTests
{
    private static string DefaultConfig => Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml");

    [Fact]
    public void Good_config_prints_ok_and_exits_0()
    {
        var (code, stdout, stderr) = Run("config", "check", DefaultConfig);
        Assert.Equal(0, code);
        Assert.Equal("ok", stdout.Trim());
        Assert.Equal("", stderr);
    }

    [SkippableFact]
    public void Reference_config_passes_the_check()
    {
        ReferenceData.SkipIfAbsent();
        var (code, stdout, _) = Run("config", "check", ReferenceData.ConfigPath);
        Assert.Equal(0, code);
        Assert.Equal("ok", stdout.Trim());
    }

    [Fact]
    public void Bad_config_prints_each_error_on_its_own_line_and_exits_1()
    {
        var text = File.ReadAllText(DefaultConfig)
            .Replace("\nMM_PARALLEL_N: 2\n", "\nMM_PARALEL_N: 2\n")
            .Replace("\nDEBUG: False\n", "\nDEBUG: perhaps\n");
        var folder = Path.Combine(Path.GetTempPath(), "vhksim-runner-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(path, text);
        try
        {
            var (code, stdout, stderr) = Run("config", "check", path);
            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(3, lines.Length); // wrong type, unknown key, the key it replaced is missing
            Assert.All(lines, l => Assert.StartsWith($"error: {path}:", l));
            Assert.Contains(lines, l => l.EndsWith("unknown key 'MM_PARALEL_N' (did you mean 'MM_PARALLEL_N'?)", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("DEBUG: expected a boolean (true or false), got 'perhaps'"));
            Assert.Contains(lines, l => l.Contains("missing key 'MM_PARALLEL_N'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Missing_file_exits_1()
    {
        var (code, _, stderr) = Run("config", "check", Path.Combine(Path.GetTempPath(), "vhksim-no-such-config.yaml"));
        Assert.Equal(1, code);
        Assert.Contains("file not found", stderr);
    }

    [Fact]
    public void Help_shows_an_example()
    {
        var (code, stdout, _) = Run("config", "check", "--help");
        Assert.Equal(0, code);
        Assert.Contains("vhksim config check configs/vhk158.yaml", stdout);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliHarness.Run(args);
}
