namespace Sim.Gpu.Measurement;

/// <summary>
/// The measured times of one case on one backend: each timed figure's spread over the runs (the
/// median is the reported value), the energy where a counter was read, and whether it was a
/// smoke run (the CPU: it shows the path works, its times compare with nothing).
/// </summary>
public sealed record CaseMeasurement(
    MeasurementCase Case,
    string Backend,
    Spread Prefill,
    Spread Total,
    HostProfile Host,
    MeasurementOptions Options,
    long[] FirstTokens,
    CaseEnergy? Energy = null,
    bool Smoke = false)
{
    public double PrefillMs => Prefill.Median;

    public double TotalMs => Total.Median;

    /// <summary>decode = total − prefill (medians).</summary>
    public double DecodeMs => TotalMs - PrefillMs;

    public double DecodeMsPerToken => DecodeMs / Case.Decode;

    /// <summary>Decode ms per token of the fastest and slowest "total" run, each less the median prefill.</summary>
    public (double Min, double Max) DecodeMsPerTokenRange =>
        ((Total.Min - PrefillMs) / Case.Decode, (Total.Max - PrefillMs) / Case.Decode);

    /// <summary>throughput = D / decode (per sequence; times batch for all sequences).</summary>
    public double TokensPerSecond => Case.Decode * Case.Batch / (DecodeMs / 1000.0);
}
