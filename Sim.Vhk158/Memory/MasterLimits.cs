namespace Sim.Vhk158.Memory;

/// <summary>
/// What a master (an AXI port of the kernel) can keep in flight: <paramref name="Outstanding"/>
/// requests at once, and sequential requests merged into bursts of up to
/// <paramref name="BurstBytes"/> (an HLS master infers bursts from sequential accesses).
/// </summary>
public sealed record MasterLimits(double Outstanding, int BurstBytes)
{
    /// <summary>No limit: every request in flight at once, no merging (models without latency).</summary>
    public static readonly MasterLimits Unbounded = new(double.PositiveInfinity, 1);

    /// <summary>The size the channel sees for requests of <paramref name="requestBytes"/> with this pattern.</summary>
    public int EffectiveRequestBytes(int requestBytes, AccessPattern pattern) =>
        pattern == AccessPattern.Sequential ? Math.Max(requestBytes, BurstBytes) : requestBytes;
}
