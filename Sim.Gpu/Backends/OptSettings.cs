using System.Globalization;
using Sim.Core.Errors;
using Sim.Gpu.Cuda;

namespace Sim.Gpu.Backends;

/// <summary>
/// The opt backend's tuning choices, each settable through an environment variable so that one
/// build can compare them on the GPU (scripts/gpu/h200-*.sh). The defaults are the measured best
/// on the H200 (results/gpu/README.md).
/// </summary>
/// <param name="Gemv">GEMV block shape (VHKSIM_OPT_GEMV_SHAPE=WARPSxUNROLL)</param>
/// <param name="AttentionChunk">keys per decode-attention split (VHKSIM_OPT_ATT_CHUNK: 64 or 128; 128 measured faster)</param>
/// <param name="Pdl">programmatic dependent launch between decode kernels (VHKSIM_OPT_PDL=1; measured slower, so off)</param>
/// <param name="GemvResidentGrid">GEMV grid of only as many blocks as fit at once, each warp taking several row pairs
/// (VHKSIM_OPT_GEMV_GRID=resident, the default) rather than one block per 2·warps rows (=units)</param>
public sealed record OptSettings(GemvShape Gemv, int AttentionChunk, bool Pdl, bool GemvResidentGrid)
{
    public const string ChunkEnvVar = "VHKSIM_OPT_ATT_CHUNK", PdlEnvVar = "VHKSIM_OPT_PDL", GridEnvVar = "VHKSIM_OPT_GEMV_GRID";

    public static OptSettings Default { get; } = new(GemvShape.Default, ContextBuckets.AttentionChunk, false, true);

    public static OptSettings FromEnvironment() => Parse(
        Environment.GetEnvironmentVariable(GemvShape.EnvVar), Environment.GetEnvironmentVariable(ChunkEnvVar),
        Environment.GetEnvironmentVariable(PdlEnvVar), Environment.GetEnvironmentVariable(GridEnvVar));

    public static OptSettings Parse(string? shape, string? chunk, string? pdl, string? grid)
    {
        var c = Default.AttentionChunk;
        if (!string.IsNullOrWhiteSpace(chunk)
            && !(int.TryParse(chunk.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out c) && c is 64 or 128))
            throw new InputException($"{ChunkEnvVar} must be 64 or 128, got '{chunk}'");
        var p = (pdl ?? "").Trim() switch
        {
            "" or "0" => false,
            "1" => true,
            _ => throw new InputException($"{PdlEnvVar} must be 0 or 1, got '{pdl}'"),
        };
        var g = (grid ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "resident" => true,
            "units" => false,
            _ => throw new InputException($"{GridEnvVar} must be 'resident' or 'units', got '{grid}'"),
        };
        return new OptSettings(GemvShape.Parse(shape), c, p, g);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GEMV {Gemv} (warps x loads in flight), {(GemvResidentGrid ? "resident grid" : "one block per row group")}; " +
        $"attention splits of {AttentionChunk} keys; programmatic dependent launch {(Pdl ? "on" : "off")}");
}
