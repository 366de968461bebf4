using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Memory.Benchmarks;

namespace Sim.Vhk158.Tests.Memory;

/// <summary>
/// configs/u280.yaml's memory model against the U280 HBM measurements the issue names (AMD Vitis
/// HBM tutorial, one AXI master, read-only, 512-bit port; Shuhai's 32-PC aggregate), each ±5 %.
/// </summary>
public class U280CalibrationTests
{
    private static readonly HardwareConfig U280 = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "u280.yaml"));

    public static TheoryData<string, int, int, bool, double> Targets => new()
    {
        { "sequential", 64, 1, false, 13.1 },
        { "sequential", 256, 1, false, 13.1 },
        { "sequential", 1024, 1, false, 13.1 },
        { "sequential", 64, 2, false, 13.1 },
        { "sequential", 1024, 2, false, 13.1 },
        { "sequential", 64, 4, false, 13.1 },
        { "sequential", 1024, 4, false, 13.1 },
        { "random", 64, 1, false, 4.75 },
        { "random", 128, 1, false, 9.6 },
        { "random", 256, 1, false, 12.6 },
        { "random", 512, 1, false, 13.1 },
        { "random", 1024, 1, false, 13.1 },
        { "random", 64, 2, false, 0.76 },
        { "random", 1024, 2, false, 6.5 },
        { "sequential", 256, 32, true, 425 },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Meets_the_measured_bandwidth_within_5_percent(string pattern, int bytes, int channels, bool allChannels, double targetGbPerS)
    {
        var spec = new MemoryBenchmarkSpec(pattern == "random" ? AccessPattern.Random : AccessPattern.Sequential, bytes, channels, AllChannels: allChannels);
        var result = MemoryBenchmark.Run(U280, spec);
        Assert.Equal("hbm2", result.Model);
        Assert.Equal("crossbar", result.Interconnect);
        double error = result.GbPerS / targetGbPerS - 1;
        Assert.True(Math.Abs(error) <= 0.05, $"{pattern} {bytes} B on {channels} PCs: {result.GbPerS:F3} GB/s vs {targetGbPerS} ({error:P1})");
    }

    [Fact]
    public void Random_across_two_PCs_grows_with_the_request_size()
    {
        // The tutorial's row runs from 0.76 to 6.5 GB/s; between the ends it must rise.
        var rates = new[] { 64, 128, 256, 512, 1024 }
            .Select(b => MemoryBenchmark.Run(U280, new MemoryBenchmarkSpec(AccessPattern.Random, b, 2)).GbPerS).ToArray();
        for (int i = 1; i < rates.Length; i++) Assert.True(rates[i] > rates[i - 1], string.Join(", ", rates));
    }
}
