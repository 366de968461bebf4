using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Gpu.Cuda;

/// <summary>
/// The GEMV kernel's block shape: warps per block (each warp computes two rows) and 16-byte
/// loads per lane and row in flight. Compiled in (GEMV_WARPS, GEMV_UNROLL); the launch
/// geometry follows from it. VHKSIM_OPT_GEMV_SHAPE=WARPSxUNROLL overrides it, to compare shapes.
/// </summary>
public sealed record GemvShape(int Warps, int Unroll)
{
    public const string EnvVar = "VHKSIM_OPT_GEMV_SHAPE";

    public static GemvShape Default { get; } = new(8, 4);

    /// <summary>Rows per block when each warp computes two rows.</summary>
    public int RowsPerBlock => 2 * Warps;

    public int Threads => 32 * Warps;

    public static GemvShape Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var u)
            && w is >= 1 and <= 32 && u is >= 1 and <= 16)
            return new GemvShape(w, u);
        throw new InputException($"{EnvVar} must be WARPSxUNROLL with 1..32 warps and 1..16 loads, e.g. 8x4; got '{text}'");
    }

    public static GemvShape FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvVar));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Warps}x{Unroll}");
}
