using Sim.Gpu.Model;

namespace Sim.Gpu.Results;

/// <summary>
/// The memory-bound floor of a decode step: every weight matrix is read once per token (the
/// embedding table only a row, so it is left out), over the device's memory bandwidth.
/// </summary>
public static class Roofline
{
    /// <summary>Datasheet bandwidths (GB/s) by GPU name; the first match wins.</summary>
    private static readonly (string[] All, double GbS)[] Known =
    [
        (["H200"], 4800),
        (["H100", "PCIE"], 2000),
        (["H100", "NVL"], 3900),
        (["H100"], 3350),
        (["A100", "80GB"], 2039),
        (["A100"], 1555),
        (["L40S"], 864),
        (["A10G"], 600),
    ];

    public static double? BandwidthGbS(string deviceName)
    {
        var up = deviceName.ToUpperInvariant();
        foreach (var (all, gbs) in Known)
            if (all.All(up.Contains)) return gbs;
        return null;
    }

    /// <summary>Bytes a decode step reads at least: all weights but the embedding table.</summary>
    public static long DecodeWeightBytes(LlamaWeights w) =>
        w.Bytes - w.Embedding.NumberOfElements * w.Embedding.ElementSize;

    public static double? MsPerToken(long weightBytes, double? gbs) =>
        gbs is > 0 ? weightBytes / (gbs.Value * 1e9) * 1000.0 : null;
}
