using Sim.Gpu.Backends;
using Sim.Gpu.Energy;
using Sim.Gpu.Measurement;
using Sim.Gpu.Runtime;

namespace Sim.Gpu.Tests;

/// <summary>The protocol's arithmetic, spread, energy and sanity rules, on scripted times.</summary>
public class MeasurementProtocolTests
{
    private static readonly MeasurementOptions TwoRuns = new(Warmup: 1, Repetitions: 3, Quick: true);

    private static CaseMeasurement Measure(ScriptedRunMeter meter, MeasurementCase c, double? roofline = null)
    {
        using var w = TinyModel.Weights();
        using var be = new TorchOptBackend(w);
        return new MeasurementProtocol(TorchDevice.Cpu, TwoRuns, new SilentProgress(), meter, roofline).Measure(be, c, 256);
    }

    [Fact]
    public void MediansSpreadAndEnergyComeFromTheRuns()
    {
        // Warm-up: 2 runs; prefill: 1.1, 1.5, 1.3 ms; the energy window (formula: 1.25 ms each);
        // total (D = 16, 17 tokens): 6, 5, 9 ms.
        var meter = new ScriptedRunMeter(baseMs: 1, msPerToken: 0.25, watts: 100).Then(3, 7, 1.1, 1.5, 1.3);
        var m = Measure(meter, new MeasurementCase(1, 5, 16));
        Assert.Equal(new Spread(1.1, 1.3, 1.5), m.Prefill);
        Assert.Equal(new Spread(5.25, 5.25, 5.25), m.Total);   // the formula: 1 + 0.25·17
        Assert.Equal(3.95 / 16, m.DecodeMsPerToken, 9);
        Assert.True(m.Smoke);
        var e = Assert.IsType<CaseEnergy>(m.Energy);
        Assert.Equal(100, e.AvgWatts, 9);
        Assert.Equal(0.13, e.PrefillJoules, 9);                   // 100 W × 1.3 ms
        Assert.Equal((0.525 - 0.13) / 16, e.DecodeJoulesPerToken, 9);
    }

    [Fact]
    public void ANegativeDecodeIsMeasuredAgainAndTheGoodAttemptCounts()
    {
        // First attempt: prefill runs of 50 ms make decode negative; the second is sane.
        var meter = new ScriptedRunMeter().Then(1, 1, 50, 50, 50);
        var m = Measure(meter, new MeasurementCase(1, 4, 8));
        Assert.Equal(1.25, m.PrefillMs, 9);
        Assert.True(m.DecodeMs > 0);
        Assert.Equal(2 * (2 + 3 + 3), meter.Runs);
    }

    [Fact]
    public void APersistentlyImplausibleCaseIsAnErrorNotARow()
    {
        var meter = new ScriptedRunMeter(baseMs: 5, msPerToken: 0);   // total == prefill: decode 0
        var e = Assert.Throws<MeasurementException>(() => Measure(meter, new MeasurementCase(1, 4, 8)));
        Assert.Contains("torch-opt 4:8: decode time is not positive", e.Message);
        Assert.Contains($"each of {MeasurementProtocol.Attempts} attempts; no row written", e.Message);
        Assert.NotNull(e.Hint);
        Assert.Equal(MeasurementProtocol.Attempts * (2 + 3 + 3), meter.Runs);
    }

    [Fact]
    public void DecodeFasterThanHalfTheMemoryRooflineIsImplausible()
    {
        var e = Assert.Throws<MeasurementException>(() =>
            Measure(new ScriptedRunMeter(msPerToken: 0.25), new MeasurementCase(1, 4, 8), roofline: 1.0));
        Assert.Contains("under half the memory roofline", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    public void ARunOfNoTimeIsImplausible(double ms)
    {
        var m = new CaseMeasurement(new MeasurementCase(1, 4, 8), "x", new Spread(1, 1, 1), new Spread(3, 3, 3),
            new HostProfile(0, 0, 0, 0), TwoRuns, []);
        Assert.Contains("a timed run took", TimingSanity.Problem(m, [1, ms, 3], null));
        Assert.Null(TimingSanity.Problem(m, [1, 2, 3], null));
    }

    [Fact]
    public void EnergyNeedsEveryRunMetered()
    {
        RunSample[] some = [new(10, 1.0), new(10, null)];
        Assert.Null(CaseEnergy.From(some, [new(100, 10)], 10, 100, 10, "x"));
        Assert.Null(CaseEnergy.From([], [new(100, 10)], 10, 100, 10, "x"));
    }

    [SkippableFact]
    public void WithoutNvmlTheCounterSaysWhy()
    {
        var counter = NvmlEnergyCounter.TryOpen(0, out var why);
        Skip.If(counter is not null, "an NVIDIA driver with an energy counter is here");
        Assert.False(string.IsNullOrWhiteSpace(why));
        Assert.Contains("NVML", why);
    }
}
