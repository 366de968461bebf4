namespace Sim.Gpu.Measurement;

/// <summary>
/// The energy of one case from the device's energy counter, which moves in steps (about every
/// 100 ms on the H200), so energies come from average powers over long stretches of runs:
/// prefill power over a window of back-to-back prefill runs (at least
/// <see cref="MeasurementProtocol.EnergyWindowMs"/>), times the median prefill time; the power
/// over all timed "total" runs (AvgWatts), times the median total time, less the prefill's
/// energy, per decoded token.
/// </summary>
public sealed record CaseEnergy(double AvgWatts, double PrefillJoules, double DecodeJoulesPerToken, string Source)
{
    /// <param name="prefillWindow">back-to-back prefill runs, each with its joules</param>
    /// <param name="total">the timed "total" runs</param>
    /// <param name="prefillMs">median prefill time</param>
    /// <param name="totalMs">median total time</param>
    /// <param name="decodeTokens">D</param>
    /// <param name="source">where the readings came from</param>
    public static CaseEnergy? From(IReadOnlyList<RunSample> prefillWindow, IReadOnlyList<RunSample> total,
                                   double prefillMs, double totalMs, int decodeTokens, string source)
    {
        if (prefillWindow.Count == 0 || prefillWindow.Any(s => s.Joules is null) || total.Any(s => s.Joules is null)) return null;
        var prefillWatts = Watts(prefillWindow);
        var totalWatts = Watts(total);
        var prefillJ = prefillWatts * prefillMs / 1000.0;
        return new CaseEnergy(totalWatts, prefillJ, (totalWatts * totalMs / 1000.0 - prefillJ) / decodeTokens, source);
    }

    private static double Watts(IReadOnlyList<RunSample> runs) => runs.Sum(s => s.Joules!.Value) / (runs.Sum(s => s.Ms) / 1000.0);
}
