using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Energy;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Memory.Benchmarks;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Validation;

/// <summary>
/// The U280 calibration targets and how the model is run for each: AMD's Vitis HBM tutorial and
/// Shuhai's aggregate through the HBM model, the on-board decode step of the authors' bitstream
/// through the detailed machine, and the board's power. Sources are the spec's boards.md tags.
/// </summary>
public static class U280Calibration
{
    private const string Vitis = "AMD Vitis HBM tutorial, 1 AXI master, read-only (boards.md S7)";

    /// <summary>The on-board decode step: LLaMA2-7B, context 128 (boards.md S4).</summary>
    public static readonly Bucket DecodeStep = new(Stage.Decode, 128);

    /// <summary>The HBM microbenchmarks of the detailed-machine issue, each ±5 %.</summary>
    public static IReadOnlyList<(CalibrationTarget Target, MemoryBenchmarkSpec Spec)> Microbenchmarks { get; } =
    [
        (new("hbm sequential 64 B, 1 PC", Vitis, 13.1, "GB/s", 5, true), new(AccessPattern.Sequential, 64, 1)),
        (new("hbm sequential 1024 B, 1 PC", Vitis, 13.1, "GB/s", 5, true), new(AccessPattern.Sequential, 1024, 1)),
        (new("hbm sequential 64 B, 2 PCs", Vitis, 13.1, "GB/s", 5, true), new(AccessPattern.Sequential, 64, 2)),
        (new("hbm sequential 1024 B, 4 PCs", Vitis, 13.1, "GB/s", 5, true), new(AccessPattern.Sequential, 1024, 4)),
        (new("hbm random 64 B, 1 PC", Vitis, 4.75, "GB/s", 5, true), new(AccessPattern.Random, 64, 1)),
        (new("hbm random 128 B, 1 PC", Vitis, 9.6, "GB/s", 5, true), new(AccessPattern.Random, 128, 1)),
        (new("hbm random 256 B, 1 PC", Vitis, 12.6, "GB/s", 5, true), new(AccessPattern.Random, 256, 1)),
        (new("hbm random 512 B, 1 PC", Vitis, 13.1, "GB/s", 5, true), new(AccessPattern.Random, 512, 1)),
        (new("hbm random 64 B, 2 PCs", Vitis, 0.76, "GB/s", 5, true), new(AccessPattern.Random, 64, 2)),
        (new("hbm random 1024 B, 2 PCs", Vitis, 6.5, "GB/s", 5, true), new(AccessPattern.Random, 1024, 2)),
        (new("hbm 32 PCs sequential, 1 master each", "Shuhai, FCCM'20 (boards.md S13)", 425, "GB/s", 5, true), new(AccessPattern.Sequential, 256, 32, AllChannels: true)),
    ];

    public static readonly CalibrationTarget Step = new("decode step, LLaMA2-7B, context 128", "on-board cycle counter, authors' U280 bitstream (boards.md S4)", 17.50, "ms", 3, true);
    public static readonly CalibrationTarget Watts = new("board power while decoding", "paper Fig. 1: ~45 W at ~55 tok/s (boards.md 2.3, 2.7)", 45, "W", 10, true);
    public static readonly CalibrationTarget TokensPerJoule = new("decode tokens per joule", "paper Fig. 1: 55 tok/s / 45 W (boards.md 2.7)", 1.22, "tok/J", 10, true);
    public static readonly CalibrationTarget Idle = new("board power idle (= ENERGY static_w)", "FlexLLM U280 power log (boards.md 3.4); an input, not a prediction", 37.4, "W", 10, true);
    public static readonly CalibrationTarget UnderLoad = new("board power, prefill 128 (at most)", "FlexLLM U280 power log: up to 59.8 W (boards.md 3.4)", 59.8, "W", 0, false, AtMost: true);

    /// <summary>
    /// Runs the targets on <paramref name="config"/> (the U280 preset): <paramref name="profile"/>
    /// simulates a bucket (through the pipeline and its cache). Slow targets only with <paramref name="all"/>.
    /// </summary>
    public static IReadOnlyList<CalibrationCheck> Run(HardwareConfig config, Func<Bucket, ProfileResult> profile, bool all)
    {
        var checks = new List<CalibrationCheck>();
        foreach (var (target, spec) in Microbenchmarks)
            checks.Add(new(target, MemoryBenchmark.Run(config, spec).GbPerS));

        var step = profile(DecodeStep);
        checks.Add(new(Step, step.TotalMs));
        var energy = EnergyModels.Create(config)
            ?? throw new InputException($"{ComponentSection.Energy}: the config has no energy model; the power targets need one");
        var e = energy.Of(step);
        checks.Add(new(Watts, e.Watts));
        checks.Add(new(TokensPerJoule, 1 / e.TotalJ));
        checks.Add(new(Idle, energy.IdleWatts));
        if (all) checks.Add(new(UnderLoad, energy.Of(profile(new Bucket(Stage.Prefill, 128))).Watts));
        return checks;
    }
}
