using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Hardening;

/// <summary>
/// A bad command line gets one <c>error:</c> line plus a pointer to --help, exit 1, never pages of
/// help or "internal error" (issue 14).
/// </summary>
[Collection("Console")]
public class CliErrorLineTests
{
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private static string[] Workload => ["--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "tiny.yaml")];

    private static string[] ErrorLines(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();

    private static void AssertOneErrorLine(string expected, params string[] args)
    {
        var (code, stdout, stderr) = CliHarness.Run(args);
        Assert.Equal(1, code);
        var error = Assert.Single(ErrorLines(stderr));
        Assert.Contains(expected, error);
        Assert.Contains("--help", stderr);
        Assert.True(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 2, $"more than two lines:\n{stderr}");
        Assert.DoesNotContain("Usage:", stdout + stderr);
    }

    [Fact]
    public void AnUnknownVerbSaysSoFirst()
    {
        AssertOneErrorLine("bogus", "bogus");
        Assert.DoesNotContain("Required command", CliHarness.Run("bogus").Stderr);
    }

    [Fact]
    public void AnUnknownOptionIsOneLine() => AssertOneErrorLine("--zzz", "config", "check", "x.yaml", "--zzz");

    [Fact]
    public void AMissingArgumentIsOneLine() => AssertOneErrorLine("check", "config", "check");

    [Fact]
    public void ABadIntegerIsOneLine() => AssertOneErrorLine("--tokens", "profile", "--stage", "decode", "--tokens", "abc");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void JobsMustBePositive(string jobs) =>
        AssertOneErrorLine("--jobs", ["bench", "--bucket", "decode:16", "--jobs", jobs, .. Workload]);

    [Theory]
    [InlineData("bogus:16")]
    [InlineData("prefill:abc")]
    [InlineData("prefill")]
    [InlineData("decode:-16")]
    public void ABadBenchBucketIsOneLine(string bucket) =>
        AssertOneErrorLine("--bucket", ["bench", "--bucket", bucket, .. Workload]);

    [Fact]
    public void ACaseWhosePrefillPlusDecodeOverflowsIsAnInputError()
    {
        var (code, _, stderr) = CliHarness.Run(["fpga", "--case", "128:2147483647", .. Workload]);
        Assert.Equal(1, code);
        Assert.Contains("128:2147483647", Assert.Single(ErrorLines(stderr)));
    }

    [Fact]
    public void HelpStillWorks()
    {
        var (code, stdout, _) = CliHarness.Run("config", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout);
    }
}
