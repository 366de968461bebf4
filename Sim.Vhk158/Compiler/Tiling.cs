namespace Sim.Vhk158.Compiler;

/// <summary>
/// The reference's <c>tiling(a, b, u)</c>: consecutive chunks of size u from a, the last one
/// clipped to b. <c>tiling(0, 688, 114)</c> is 6 × 114 + [684, 688).
/// </summary>
public static class Tiling
{
    public static List<(int Start, int End)> Chunks(int start, int end, int unit)
    {
        if (unit <= 0) throw new ArgumentOutOfRangeException(nameof(unit), $"tiling unit must be positive, got {unit}");
        var chunks = new List<(int, int)>();
        for (int s = start; s < end; s += unit) chunks.Add((s, Math.Min(s + unit, end)));
        return chunks;
    }

    /// <summary>Integer ceiling division, <c>cdiv</c> in the spec.</summary>
    public static int CeilDiv(int a, int b) => (a + b - 1) / b;
    public static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
