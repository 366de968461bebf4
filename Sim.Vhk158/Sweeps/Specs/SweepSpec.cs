using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps.Sampling;
using Sim.Vhk158.Sweeps.Studies;

namespace Sim.Vhk158.Sweeps.Specs;

/// <summary>
/// A whole sweep as one value: the base config and workload, the cases, the machine model, the
/// axes and how they are sampled, the constraints between keys, the baseline and what the study
/// plots. Written out resolved (absolute paths, every default explicit) beside the results; its
/// hash names the sweep's folder unless it has a name.
/// </summary>
public sealed record SweepSpec
{
    public string? Name { get; init; }
    public required string Config { get; init; }

    /// <summary>SHA-256 of the config file's bytes (resolved specs only): a changed config is a different sweep.</summary>
    public string? ConfigSha256 { get; init; }

    public string? IrDir { get; init; }
    public required string Model { get; init; }
    public string? Masks { get; init; }
    public ulong MaskSeed { get; init; } = 1;
    public double MaskDensity { get; init; } = 0.30;
    public required IReadOnlyList<FpgaCase> Cases { get; init; }

    /// <summary>The machine model (MACHINE.impl) for every point, or null for the config's own.</summary>
    public string? Machine { get; init; }

    public required IReadOnlyList<SweepAxis> Axes { get; init; }
    public SweepSampling Sampling { get; init; } = SweepSampling.Grid;
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Keys set on the base config for the baseline point (none: the base config itself).</summary>
    public IReadOnlyList<(string Key, string Value)> Baseline { get; init; } = [];

    public ParetoObjective ParetoX { get; init; } = ParetoObjective.DefaultX;
    public ParetoObjective ParetoY { get; init; } = ParetoObjective.DefaultY;

    /// <summary>The heatmap's axes (default: the first two swept keys) and the value it colours.</summary>
    public string? HeatmapX { get; init; }
    public string? HeatmapY { get; init; }
    public string HeatmapValue { get; init; } = SweepColumns.DecodeTokensPerSecond;

    public IReadOnlyList<string> Keys => Axes.Select(a => a.Key).ToList();
}
