namespace Sim.Gpu.Measurement;

/// <summary>The measured times of one case on one backend (medians of the timed runs).</summary>
public sealed record CaseMeasurement(
    MeasurementCase Case,
    string Backend,
    double PrefillMs,
    double TotalMs,
    HostProfile Host,
    MeasurementOptions Options,
    long[] FirstTokens)
{
    /// <summary>decode = total − prefill.</summary>
    public double DecodeMs => TotalMs - PrefillMs;

    public double DecodeMsPerToken => DecodeMs / Case.Decode;

    /// <summary>throughput = D / decode (per sequence; times batch for all sequences).</summary>
    public double TokensPerSecond => Case.Decode * Case.Batch / (DecodeMs / 1000.0);
}
