using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Sweeps;

/// <summary>The column names of a sweep's result tables (shard files, sweep.csv).</summary>
public static class SweepColumns
{
    public const string Point = "point", Role = "role", Case = "case";
    public const string PrefillMs = "prefill_ms", DecodeMs = "decode_ms", TotalMs = "total_ms", DecodeTokensPerSecond = "decode_tokens_per_s";
    public const string Dsp = "dsp", OnChipMib = "onchip_mib", HbmGB = "hbm_gb";
    public const string Feasible = "feasible", FeasibleOn = "feasible_on", InfeasibleReason = "infeasible_reason", Error = "error";
    public const string BaselineRole = "baseline", PointRole = "point";

    public static string Utilization(Module m) => $"util_{m.ToString().ToLowerInvariant()}";

    /// <summary>The columns every shard file has, after <see cref="Point"/>, <see cref="Role"/> and the swept keys.</summary>
    public static IReadOnlyList<string> Results { get; } =
    [
        Case, PrefillMs, DecodeMs, TotalMs, DecodeTokensPerSecond, .. Enum.GetValues<Module>().Select(Utilization),
        Dsp, OnChipMib, HbmGB, Feasible, FeasibleOn, InfeasibleReason,
    ];

    /// <summary>The numeric columns a Pareto front or heatmap can use.</summary>
    public static IReadOnlyList<string> Numeric { get; } =
        [PrefillMs, DecodeMs, TotalMs, DecodeTokensPerSecond, .. Enum.GetValues<Module>().Select(Utilization), Dsp, OnChipMib, HbmGB];

    /// <summary>A shard file's header for the swept keys.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> keys) => [Point, Role, .. keys, .. Results, Error];
}
