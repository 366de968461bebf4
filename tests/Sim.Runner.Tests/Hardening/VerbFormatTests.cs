using System.Globalization;
using System.Text.Json;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Hardening;

/// <summary>
/// One vocabulary across verbs (issue 14, item 5): <c>--format table|csv|json|markdown</c> on every
/// verb that prints results, one name per quantity, <c>--case</c> once per flag, <c>--cases</c>
/// wherever cases exist. Each of these failed on 38ae49b.
/// </summary>
[Collection("Console")]
public sealed class VerbFormatTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-format-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private string[] Workload => ["--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", _dir];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private (string Stdout, string Stderr) Ok(params string[] args)
    {
        var (code, stdout, stderr) = CliHarness.Run(args);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return (stdout, stderr);
    }

    /// <summary>Each format of one verb: CSV and JSON under the machine names, Markdown and a Spectre.Console table for people.</summary>
    private void AssertEveryFormat(string[] args, string[] csvHeaderStart, string jsonKey)
    {
        var csv = Lines(Ok([.. args, "--format", "csv"]).Stdout);
        Assert.Equal(csvHeaderStart, csv[0].Split(',').Take(csvHeaderStart.Length));
        Assert.True(csv.Length > 1, "no rows");

        using var json = JsonDocument.Parse(Ok([.. args, "--format", "json"]).Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(csv.Length - 1, json.RootElement.GetArrayLength());
        Assert.True(json.RootElement[0].TryGetProperty(jsonKey, out _), $"no '{jsonKey}' in {json.RootElement[0]}");

        var markdown = Lines(Ok([.. args, "--format", "markdown"]).Stdout);
        Assert.Contains(markdown, l => l.StartsWith("|---", StringComparison.Ordinal) || l.StartsWith("|--", StringComparison.Ordinal));

        // Off a terminal Spectre.Console draws the table with ASCII borders.
        var table = Lines(Ok([.. args, "--format", "table"]).Stdout);
        Assert.Contains(table, l => l.StartsWith("+-", StringComparison.Ordinal));
    }

    [Fact]
    public void Fpga_prints_every_format_with_decode_tokens_per_s()
    {
        string[] args = ["fpga", "--case", "16:4", "--case", "32:4", .. Workload];
        AssertEveryFormat(args, ["prefill", "decode", "prefill_ms", "decode_ms", "total_ms", "decode_tokens_per_s"], "decode_tokens_per_s");
        var csv = Lines(Ok([.. args, "--format", "csv"]).Stdout);
        Assert.Equal(["16", "4"], csv[1].Split(',')[..2]);
        Assert.Equal(["32", "4"], csv[2].Split(',')[..2]);
    }

    [Fact]
    public void Sweep_prints_every_format_and_its_csv_carries_sweep_csv_cells()
    {
        string[] args = ["sweep", "--set", "CLOCK_FREQ_MHZ=200,300", "--case", "16:4", .. Workload];
        AssertEveryFormat(args, ["point", "role", "CLOCK_FREQ_MHZ", "prefill_ms", "decode_ms", "decode_tokens_per_s"], "decode_tokens_per_s");

        var (stdout, stderr) = Ok([.. args, "--format", "csv"]);
        Assert.DoesNotContain("Pareto front", stdout); // the front's lines would break the CSV: they go to stderr
        Assert.Contains("Pareto front", stderr);
        var printed = Lines(stdout).Select(l => l.Split(',')).ToList();
        var file = File.ReadAllLines(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "sweeps"))), "sweep.csv")).Select(l => l.Split(',')).ToList();
        int tps = Array.IndexOf(file[0], "decode_tokens_per_s");
        Assert.Equal(file.Skip(1).Select(r => r[tps]), printed.Skip(1).Select(r => r[5]));
    }

    [Fact]
    public void Timeline_prints_its_summary_in_every_format_and_writes_files_by_file_format()
    {
        string[] args = ["timeline", "--stage", "decode", "--tokens", "16", "--file-format", "svg", "--name", "t", .. Workload];
        AssertEveryFormat(args, ["unit", "instructions", "runs", "busy_ms", "busy_pct"], "busy_pct");
        Assert.True(File.Exists(Path.Combine(_dir, "timelines", "t.svg")));
        Assert.False(File.Exists(Path.Combine(_dir, "timelines", "t.png")));

        using var json = JsonDocument.Parse(Ok([.. args, "--format", "json"]).Stdout);
        var units = json.RootElement.EnumerateArray().Select(u => u.GetProperty("unit").GetString()).ToList();
        Assert.Equal(["LD", "ST", "MM", "MV", "MISC", "SYS"], units);
        Assert.True(json.RootElement[0].GetProperty("instructions").GetInt64() > 0);
    }

    [Fact]
    public void Timeline_format_png_says_where_the_file_formats_went()
    {
        var (code, _, stderr) = CliHarness.Run(["timeline", "--stage", "decode", "--tokens", "16", "--format", "png", .. Workload]);
        Assert.Equal(1, code);
        Assert.Contains("--file-format png", Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Profile_prints_the_profiler_csv_by_default_and_the_other_formats_on_request()
    {
        string[] args = ["profile", "--stage", "decode", "--tokens", "16", .. Workload];
        var csv = Ok(args).Stdout;
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "profiler_output", "llama2_decode_token_16.csv")), csv);
        Assert.Equal(csv, Ok([.. args, "--format", "csv"]).Stdout);
        AssertEveryFormat(args, ["inst_type", "inst_cnt", "part_time", "part_time_ratio"], "inst_cnt");
    }

    [Fact]
    public void Bench_prints_its_measurements_in_every_format()
    {
        string[] args = ["bench", "--bucket", "decode:16", "--jobs", "1", "--no-loop", .. Workload[..4]];
        AssertEveryFormat(args, ["quantity", "value", "unit", "note"], "value");
        using var json = JsonDocument.Parse(Ok([.. args, "--format", "json"]).Stdout);
        var buckets = json.RootElement.EnumerateArray().Single(r => r.GetProperty("quantity").GetString() == "buckets");
        Assert.Equal(1, buckets.GetProperty("value").GetInt32());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("fpga")]
    [InlineData("sweep")]
    [InlineData("gpu")]
    [InlineData("gpu tokens")]
    public void Case_takes_one_value_per_flag_and_says_to_repeat_it(string verb)
    {
        var (code, stdout, stderr) = CliHarness.Run([.. verb.Split(' '), "--case", "16:4", "32:4"]);
        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("repeat the flag: --case 16:4 --case 32:4", error);
        Assert.True(lines.Length <= 2, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Repeated_case_flags_are_each_read()
    {
        var csv = Lines(Ok(["fpga", "--case", "16:4", "--case", "32:4", "--case", "48:4", "--format", "csv", .. Workload]).Stdout);
        Assert.Equal(4, csv.Length);
    }

    [Fact]
    public void Gpu_tokens_reads_cases_from_a_file()
    {
        var missing = Path.Combine(_dir, "no-such-cases.yaml");
        var (code, _, stderr) = CliHarness.Run("gpu", "tokens", "--cases", missing, "--device", "cpu");
        Assert.Equal(1, code);
        Assert.Contains(missing, stderr);
        Assert.Contains("not found", stderr);
    }

    [Fact]
    public void Validate_results_in_json_have_one_object_per_target()
    {
        var checks = new[]
        {
            new Sim.Vhk158.Validation.CalibrationCheck(new("decode step", "paper", 10, "ms", 5, Fast: true), 10.2),
            new Sim.Vhk158.Validation.CalibrationCheck(new("power", "board", 40, "W", 10, Fast: true, AtMost: true), 50),
        };
        using var json = JsonDocument.Parse(Sim.Runner.Commands.ValidateCommand.Results(checks).Write("json"));
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal(2.0, json.RootElement[0].GetProperty("error_pct").GetDouble(), 9);
        Assert.Equal("ok", json.RootElement[0].GetProperty("ok").GetString());
        Assert.Equal("MISS", json.RootElement[1].GetProperty("ok").GetString());
        Assert.Equal("<=10%", json.RootElement[1].GetProperty("tolerance").GetString());
    }
}
