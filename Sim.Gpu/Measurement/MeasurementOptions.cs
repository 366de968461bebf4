namespace Sim.Gpu.Measurement;

/// <summary>
/// How many runs each case gets. The seed's protocol: 5 warm-up and 10 timed runs of each of
/// "generate 1 token" (prefill) and "generate D+1 tokens" (total). Quick: 1 short warm-up and 3
/// timed runs, for when device time is scarce.
/// </summary>
/// <param name="Warmup">Untimed runs of each kind before the timed ones.</param>
/// <param name="Repetitions">Timed runs of each kind; the median is reported.</param>
/// <param name="Quick">Quick protocol: warm-up runs decode only a few tokens.</param>
/// <param name="Seed">Seed of the prompt tokens.</param>
public sealed record MeasurementOptions(int Warmup, int Repetitions, bool Quick, long Seed = 42)
{
    public static MeasurementOptions Seed5x10 { get; } = new(5, 10, false);
    public static MeasurementOptions QuickRuns { get; } = new(1, 3, true);

    /// <summary>Decode length of a warm-up "total" run: the full length, or a few tokens when quick.</summary>
    public int WarmupDecode(int decode) => Quick ? Math.Min(decode, 16) : decode;

    /// <summary>"seed" (5 warm-up, 10 timed: the seed's protocol), "quick" (short warm-ups) or "custom".</summary>
    public string Protocol => Quick ? "quick" : Warmup == 5 && Repetitions == 10 ? "seed" : "custom";
}
