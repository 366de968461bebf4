using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Vhk158.Profiling;

/// <summary>A request shape: batch 1, a prompt of <see cref="Prefill"/> tokens, <see cref="Decode"/> generated tokens.</summary>
public readonly record struct FpgaCase(int Prefill, int Decode)
{
    /// <summary>The six cases of the seed (figure 12 of the FlightLLM paper).</summary>
    public static readonly IReadOnlyList<FpgaCase> Standard =
    [
        new(128, 512), new(128, 1024), new(128, 1536),
        new(512, 512), new(512, 1024), new(512, 1536),
    ];

    /// <summary>Parses "P:D", e.g. "128:512".</summary>
    public static FpgaCase Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int p)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int d))
            throw new InputException($"case '{text}' is not PREFILL:DECODE, e.g. 128:512");
        return Checked(p, d);
    }

    /// <summary>
    /// The case, once prefill + decode is known to be an int (128:2147483647 used to wrap past the
    /// MAX_LEN check and run until killed). Signs are the bucket policy's to check.
    /// </summary>
    public static FpgaCase Checked(int prefill, int decode)
    {
        if ((long)prefill + decode > int.MaxValue)
            throw new InputException($"case {prefill}:{decode}: prefill + decode is {(long)prefill + decode} tokens, beyond any context length");
        return new FpgaCase(prefill, decode);
    }

    public override string ToString() => $"{Prefill}:{Decode}";
}
