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
        // The artifact's 4 cores x 4096 MACs need 8192 DSPs at two INT8 MACs each: more than the XCVH1582's 7392 (boards.md 1.1).
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var warning = Assert.Single(lines);
        Assert.StartsWith($"warning: {DefaultConfig}: exceeds VHK158 (XCVH1582): 4 cores x 4096 INT8 MACs at 2 per slice need 8192 DSP58, it has 7392", warning);
    }

    // These passed `config check` silently and failed only when a run compiled them (issue 14; 'ok' on b4d1dee).
    [Theory]
    [InlineData("A_BUFFER_DEPTH", "1")]
    [InlineData("GLOBAL_BUFFER_DEPTH", "1")]
    [InlineData("MV_START_N_NUM", "1")]
    public void Config_the_compiler_rejects_fails_the_check_naming_the_key(string key, string value)
    {
        var lines = File.ReadAllLines(DefaultConfig);
        int line = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0);
        lines[line - 1] = $"{key}: {value}";
        var path = WriteTemp(string.Join('\n', lines) + "\n");
        try
        {
            var (code, stdout, stderr) = Run("config", "check", path);
            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.StartsWith($"error: {path}:{line}: {key}: the compiler rejects ", e));
            Assert.Contains(errors, e => e.Contains("decode buckets (16..2048)"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Config_beyond_every_device_warns_naming_each_device()
    {
        // 8 cores x 4096 MACs: 16384 DSPs, more than the U280's 9024 and the VHK158's 7392; it still compiles.
        var path = WriteTemp(File.ReadAllText(DefaultConfig).Replace("\nSLR_NUM: 4\n", "\nSLR_NUM: 8\n"));
        try
        {
            var (code, stdout, stderr) = Run("config", "check", path);
            Assert.Equal(0, code);
            Assert.Equal("ok", stdout.Trim());
            Assert.Contains("exceeds VHK158 (XCVH1582): 8 cores x 4096 INT8 MACs at 2 per slice need 16384 DSP58, it has 7392", stderr);
            Assert.Contains("exceeds U280 (XCU280): 8 cores x 4096 INT8 MACs at 2 per slice need 16384 DSP48E2, it has 9024", stderr);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void No_compile_skips_the_compiler()
    {
        var text = File.ReadAllText(DefaultConfig).Replace("\nA_BUFFER_DEPTH: 4096\n", "\nA_BUFFER_DEPTH: 1\n");
        var path = WriteTemp(text);
        try
        {
            var (code, stdout, _) = Run("config", "check", path, "--no-compile");
            Assert.Equal(0, code);
            Assert.Equal("ok", stdout.Trim());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static string WriteTemp(string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vhksim-runner-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "config.yaml");
        File.WriteAllText(path, text);
        return path;
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
