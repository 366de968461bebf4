using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// Decoder blocks <see cref="First"/>..<see cref="Last"/> (inclusive). A layer belongs to block i
/// when its name ends in "_i" (the IR's "…_layer_i" and "…_i" names); layers without a trailing
/// number (the final layer norm, the LM head) belong to no block and are outside every range.
/// </summary>
public sealed record LayerRange(int First, int Last)
{
    /// <summary>Parses "a-b" or "a" (one block); <paramref name="option"/> names the option in errors.</summary>
    public static LayerRange Parse(string text, string option = "--layers")
    {
        var parts = text.Split('-');
        if (parts.Length is 1 or 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first) &&
            int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int last))
        {
            if (last < first)
                throw new InputException($"{option} '{text}': the last block {last} is before the first {first}");
            return new LayerRange(first, last);
        }
        throw new InputException($"{option} '{text}': expected a block range like 0-1 or one block like 3");
    }

    /// <summary>The decoder block of a layer name: the number after its last underscore, or null.</summary>
    public static int? BlockOf(string layerName)
    {
        int at = layerName.LastIndexOf('_');
        if (at < 0 || at == layerName.Length - 1) return null;
        var tail = layerName.AsSpan(at + 1);
        return int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out int block) ? block : null;
    }

    public bool Contains(string layerName) => BlockOf(layerName) is int b && b >= First && b <= Last;

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
