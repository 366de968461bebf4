using System.Text.Json;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary><c>vhksim timeline</c> and <c>vhksim run --plots</c> end to end, in-process.</summary>
[Collection("Console")]
public sealed class TimelineCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-timeline-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private static string[] Workload => ["--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml")];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Decode_16_from_generated_IR_writes_png_svg_and_perfetto()
    {
        var output = Path.Combine(_dir, "timelines", "d16.png");
        var (code, stdout, stderr) = CliHarness.Run(["timeline", "--stage", "decode", "--tokens", "16", "--file-format", "all", "--out", _dir, "--name", "d16", .. Workload]);
        Assert.True(code == 0, stderr);

        foreach (var module in new[] { "LD", "ST", "MM", "MV", "MISC", "SYS" })
            Assert.Contains("\n| " + module + " ", stdout); // a row of the summary table
        Assert.Equal(0x89, File.ReadAllBytes(output)[0]);
        Assert.Contains(">MISC<", File.ReadAllText(Path.Combine(_dir, "timelines", "d16.svg")));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, "timelines", "d16.perfetto.json")));
        Assert.True(json.RootElement.GetProperty("traceEvents").GetArrayLength() > 6);
        Assert.Contains("d16.perfetto.json", stderr);
    }

    [Fact]
    public void A_layer_range_restricts_the_slices_to_its_blocks()
    {
        var output = Path.Combine(_dir, "timelines", "blocks.perfetto.json");
        var (code, _, stderr) = CliHarness.Run(["timeline", "--stage", "decode", "--tokens", "16", "--layers", "2-3", "--file-format", "perfetto", "--out", _dir, "--name", "blocks", "--merge-gap", "0", .. Workload]);
        Assert.True(code == 0, stderr);

        using var json = JsonDocument.Parse(File.ReadAllBytes(output));
        var names = json.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.GetProperty("ph").GetString() == "X").Select(e => e.GetProperty("name").GetString()!).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(n.EndsWith("_2", StringComparison.Ordinal) || n.EndsWith("_3", StringComparison.Ordinal), n));
        Assert.Contains("round_1_q_proj_layer_2", names);
        Assert.Contains("round_1_down_layer_3", names);
    }

    [Theory]
    [InlineData("--layers", "40-41", "no layer group")]
    [InlineData("--layers", "x", "--layers 'x'")]
    [InlineData("--merge-gap", "-1", "--merge-gap")]
    [InlineData("--bins", "0", "--bins 0")]
    public void Bad_values_are_one_line_input_errors(string option, string value, string message)
    {
        var (code, _, stderr) = CliHarness.Run(["timeline", "--stage", "decode", "--tokens", "16", option, value, "--out", _dir, .. Workload]);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
        // No timeline file; a bucket that simulated fine may have been filed in the cache.
        Assert.False(Directory.Exists(Path.Combine(_dir, "timelines")));
    }

    [Fact]
    public void Help_states_the_merge_rule_and_gives_examples()
    {
        var (code, stdout, _) = CliHarness.Run("timeline", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Merging rule", stdout);
        Assert.Contains("vhksim timeline --stage decode --tokens 512", stdout);
        Assert.Contains("--layers", stdout);
    }

    [Fact]
    public void Run_with_plots_writes_the_comparison_chart()
    {
        var (code, stdout, stderr) = CliHarness.Run(["run", "--case", "128:16", "--plots", "--out", _dir, .. Workload]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Prefill 128", stdout);
        Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(_dir, "plots", "comparison.png"))[0]);
        Assert.Contains("128 : 16", File.ReadAllText(Path.Combine(_dir, "plots", "comparison.svg")));
    }
}
