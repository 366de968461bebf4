using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary>One --out holds the profiles of any number of configs: a baseline and a what-if side by side, shared by every verb.</summary>
[Collection("Console")]
public sealed class SharedCacheTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private string Out => _dir.File("out");
    private string[] Model => ["--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", Out];
    private string[] Baseline => ["--config", Repo("configs", "vhk158.yaml"), .. Model];

    public void Dispose() => _dir.Dispose();

    private string FastConfig()
    {
        var path = _dir.File("fast.yaml");
        File.WriteAllLines(path, File.ReadAllLines(Repo("configs", "vhk158.yaml"))
            .Select(l => l.StartsWith("CLOCK_FREQ_MHZ:", StringComparison.Ordinal) ? "CLOCK_FREQ_MHZ: 300" : l));
        return path;
    }

    [Fact]
    public void A_baseline_a_what_if_and_the_baseline_again_simulates_nothing_the_third_time()
    {
        var first = CliHarness.Run(["fpga", "--case", "128:64", .. Baseline]);
        Assert.True(first.Code == 0, first.Stderr);
        Assert.Contains("5 simulated, 0 reused", first.Stderr);

        var fast = CliHarness.Run(["fpga", "--case", "128:64", "--config", FastConfig(), .. Model]);
        Assert.True(fast.Code == 0, fast.Stderr);
        Assert.Contains("5 simulated, 0 reused", fast.Stderr);
        Assert.NotEqual(first.Stdout, fast.Stdout);

        var third = CliHarness.Run(["fpga", "--case", "128:64", .. Baseline]);
        Assert.True(third.Code == 0, third.Stderr);
        Assert.Contains("0 simulated, 5 reused", third.Stderr);
        Assert.Equal(first.Stdout, third.Stdout);
    }

    [Fact]
    public void A_sweep_reuses_what_fpga_simulated_and_profile_what_the_sweep_did()
    {
        var fpga = CliHarness.Run(["fpga", "--case", "16:16", .. Baseline]);
        Assert.True(fpga.Code == 0, fpga.Stderr);
        var sweep = CliHarness.Run(["sweep", "--case", "16:16", "--set", "CLOCK_FREQ_MHZ=225,300", .. Baseline]);
        Assert.True(sweep.Code == 0, sweep.Stderr);
        // 225 MHz is the default config's clock (and the sweep's baseline): its buckets come from fpga's run.
        Assert.Contains("buckets: 2 simulated, 4 reused", sweep.Stderr);

        var profile = CliHarness.Run(["profile", "--stage", "prefill", "--tokens", "128", "--config", FastConfig(), .. Model]);
        Assert.True(profile.Code == 0, profile.Stderr);
        Assert.Contains("reused the cached result", profile.Stderr);
    }
}
