using System.Globalization;

namespace Sim.Gpu.Measurement;

/// <summary>
/// What makes a measured case implausible: a run that took no time (or not a finite time), a
/// decode time that is not positive (the difference of two medians, so noise can make it so on
/// a short case), a decode faster than half the memory roofline (weights cannot stream faster
/// than the memory allows), or a decode energy that is not positive.
/// </summary>
public static class TimingSanity
{
    /// <summary>Why <paramref name="m"/> is implausible, or null when it is not.</summary>
    /// <param name="m">the case's figures</param>
    /// <param name="samples">every timed run's milliseconds</param>
    /// <param name="rooflineMsPerToken">the memory floor of a decode step, when known</param>
    public static string? Problem(CaseMeasurement m, IEnumerable<double> samples, double? rooflineMsPerToken)
    {
        foreach (var ms in samples)
            if (!(ms > 0) || !double.IsFinite(ms))
                return F($"a timed run took {ms} ms");
        if (!(m.DecodeMs > 0))
            return F($"decode time is not positive (median total {m.TotalMs:0.###} ms − median prefill {m.PrefillMs:0.###} ms = {m.DecodeMs:0.###} ms)");
        if (rooflineMsPerToken is { } r && m.DecodeMsPerToken < 0.5 * r)
            return F($"decode {m.DecodeMsPerToken:0.####} ms/token is under half the memory roofline ({r:0.####} ms/token)");
        if (m.Energy is { } e && !(e.DecodeJoulesPerToken > 0))
            return F($"decode energy is not positive ({e.DecodeJoulesPerToken:0.####} J/token)");
        return null;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
