namespace Sim.Gpu.Measurement;

/// <summary>
/// The energy of one case from the device's energy counter. Prefill: the average power over all
/// timed prefill runs (their joules over their seconds, robust to a coarse counter) times the
/// median prefill time. Decode: the median energy of the "total" runs minus that, per decoded
/// token. AvgWatts: the average power over the timed "total" runs.
/// </summary>
public sealed record CaseEnergy(double AvgWatts, double PrefillJoules, double DecodeJoulesPerToken, string Source)
{
    public static CaseEnergy? From(IReadOnlyList<RunSample> prefill, IReadOnlyList<RunSample> total, int decodeTokens, string source)
    {
        if (prefill.Any(s => s.Joules is null) || total.Any(s => s.Joules is null)) return null;
        var prefillWatts = prefill.Sum(s => s.Joules!.Value) / (prefill.Sum(s => s.Ms) / 1000.0);
        var prefillJ = prefillWatts * Spread.Of(prefill.Select(s => s.Ms).ToList()).Median / 1000.0;
        var totalJ = Spread.Of(total.Select(s => s.Joules!.Value).ToList()).Median;
        var avgWatts = total.Sum(s => s.Joules!.Value) / (total.Sum(s => s.Ms) / 1000.0);
        return new CaseEnergy(avgWatts, prefillJ, (totalJ - prefillJ) / decodeTokens, source);
    }
}
