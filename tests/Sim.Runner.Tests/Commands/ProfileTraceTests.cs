using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>
/// <c>profile --trace</c> (issue 14): Perfetto by default, its size estimated first and held to a
/// limit, and plain decimals in the CSV form. On b4d1dee --trace took a file name, wrote CSV of
/// 17-digit numbers and said nothing of its size.
/// </summary>
[Collection("Console")]
public sealed partial class ProfileTraceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-trace-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private string Out => Path.Combine(_dir, "out");
    private string[] Bucket => ["profile", "--stage", "decode", "--tokens", "16", "--config", Repo("configs", "vhk158.yaml"),
        "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", Out, "--trace"];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Perfetto_trace_has_one_slice_per_instruction_and_its_size_said_first()
    {
        var (code, _, stderr) = CliHarness.Run(Bucket);
        Assert.True(code == 0, stderr);
        var path = Path.Combine(Out, "traces", "llama2_decode_token_16.perfetto.json");
        var said = TraceLine().Match(stderr);
        Assert.True(said.Success, stderr);
        long instructions = long.Parse(said.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        double estimateMb = double.Parse(said.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Equal(path, said.Groups[3].Value);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var slices = doc.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() == "X").ToList();
        Assert.Equal(instructions, slices.Count);
        Assert.All(slices, s => Assert.True(s.GetProperty("dur").GetDouble() >= 0));
        double actualMb = new FileInfo(path).Length / 1e6;
        Assert.InRange(actualMb, estimateMb * 0.5, estimateMb * 1.5);
    }

    [Fact]
    public void Trace_over_the_limit_stops_before_simulating_and_writes_nothing()
    {
        var (code, stdout, stderr) = CliHarness.Run([.. Bucket, "--trace-limit", "0.01"]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("error: the trace would be about ", stderr);
        Assert.Contains("over --trace-limit 0.01 MB", stderr);
        Assert.False(Directory.Exists(Path.Combine(Out, "traces")) && Directory.EnumerateFileSystemEntries(Path.Combine(Out, "traces")).Any());
    }

    [Fact]
    public void Csv_trace_has_plain_decimals()
    {
        var (code, _, stderr) = CliHarness.Run([.. Bucket, "--trace-format", "csv"]);
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(Path.Combine(Out, "traces", "llama2_decode_token_16.csv"));
        Assert.Equal("unit,start_ms,end_ms,group,layer,type", lines[0]);
        Assert.True(lines.Length > 1000);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.Matches(PlainDecimal(), f[1]);
            Assert.Matches(PlainDecimal(), f[2]);
        }
    }

    [GeneratedRegex(@"trace: ([\d,]+) instructions, about ([\d.]+) MB, to (\S+)")]
    private static partial Regex TraceLine();

    // No exponent, at most the ns in ms (6 decimals).
    [GeneratedRegex(@"^\d+(\.\d{1,6})?$")]
    private static partial Regex PlainDecimal();
}
