using System.Text.Json;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>Runs <c>vhksim hbm</c> in-process: its JSON and table output and its errors.</summary>
[Collection("Console")]
public class HbmCommandTests
{
    private static string U280 => Path.Combine(ReferenceData.RepoRoot, "configs", "u280.yaml");

    private static double GbPerS(params string[] args)
    {
        var (code, stdout, stderr) = CliHarness.Run(["hbm", "--config", U280, "--format", "json", .. args]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("gb_per_s").GetDouble();
    }

    [Fact]
    public void Json_gives_the_sustained_bandwidth_of_the_configs_model()
    {
        double random64 = GbPerS("--pattern", "random", "--bytes", "64", "--channels", "1");
        Assert.InRange(random64, 4.75 * 0.95, 4.75 * 1.05);
        double aggregate = GbPerS("--pattern", "sequential", "--bytes", "256", "--all-channels");
        Assert.InRange(aggregate, 425 * 0.95, 425 * 1.05);
    }

    [Fact]
    public void More_masters_on_more_channels_move_more()
    {
        double one = GbPerS("--bytes", "512", "--channels", "4");
        double four = GbPerS("--bytes", "512", "--channels", "4", "--masters", "4");
        Assert.Equal(4, four / one, 2);
    }

    [Fact]
    public void The_table_names_the_model_and_interconnect()
    {
        var (code, stdout, _) = CliHarness.Run("hbm", "--config", U280, "--pattern", "random", "--bytes", "128");
        Assert.Equal(0, code);
        Assert.Contains("hbm2 behind crossbar", stdout);
        Assert.Contains("GB/s", stdout);
    }

    [Fact]
    public void Same_arguments_print_the_same_bytes()
    {
        var a = CliHarness.Run("hbm", "--config", U280, "--pattern", "random", "--bytes", "256", "--channels", "2", "--format", "json");
        var b = CliHarness.Run("hbm", "--config", U280, "--pattern", "random", "--bytes", "256", "--channels", "2", "--format", "json");
        Assert.Equal(a.Stdout, b.Stdout);
    }

    [Fact]
    public void Too_many_channels_is_one_clear_error()
    {
        var (code, stdout, stderr) = CliHarness.Run("hbm", "--config", U280, "--channels", "33");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: --channels 33", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_bad_memory_section_is_an_error_naming_the_key()
    {
        var dir = Directory.CreateTempSubdirectory("hbm-test");
        try
        {
            var path = Path.Combine(dir.FullName, "bad.yaml");
            File.WriteAllText(path, File.ReadAllText(U280).Replace("impl: hbm2", "impl: hbm3"));
            var (code, _, stderr) = CliHarness.Run("hbm", "--config", path);
            Assert.Equal(1, code);
            Assert.Contains("MEMORY.impl 'hbm3'", stderr);
            var check = CliHarness.Run("config", "check", path);
            Assert.Equal(1, check.Code);
            Assert.Contains("MEMORY.impl 'hbm3'", check.Stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
