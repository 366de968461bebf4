using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Gpu.Measurement;

/// <summary>One measured case: batch size, prompt (prefill) tokens and decoded tokens.</summary>
public sealed record MeasurementCase(int Batch, int Prefill, int Decode)
{
    /// <summary>The six standard cases (batch 1): prefill 128 and 512, each with decode 512, 1024, 1536.</summary>
    public static IReadOnlyList<MeasurementCase> Standard { get; } =
    [
        new(1, 128, 512), new(1, 128, 1024), new(1, 128, 1536),
        new(1, 512, 512), new(1, 512, 1024), new(1, 512, 1536),
    ];

    /// <summary>Parses "P:D" (batch 1) or "B:P:D".</summary>
    public static MeasurementCase Parse(string text)
    {
        var parts = text.Split(':');
        int[] v;
        try
        {
            v = parts.Select(p => int.Parse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InputException($"--case: '{text}' is not P:D or B:P:D with positive whole numbers");
        }
        var c = v.Length switch
        {
            2 => new MeasurementCase(1, v[0], v[1]),
            3 => new MeasurementCase(v[0], v[1], v[2]),
            _ => throw new InputException($"--case: '{text}' is not P:D or B:P:D"),
        };
        if (c.Batch < 1 || c.Prefill < 1 || c.Decode < 1)
            throw new InputException($"--case: '{text}': batch, prefill and decode must be at least 1");
        return c;
    }

    public override string ToString() => Batch == 1 ? $"{Prefill}:{Decode}" : $"{Batch}:{Prefill}:{Decode}";
}
