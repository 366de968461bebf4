namespace Sim.Gpu.Measurement;

/// <summary>What the protocol reports while it runs; the CLI shows it (a live view on a terminal, plain lines otherwise).</summary>
public interface IMeasurementProgress
{
    /// <summary>A case starts: <paramref name="runs"/> runs (warm-up and timed) follow.</summary>
    void CaseStarted(string backend, MeasurementCase c, int runs);

    /// <summary>One run of the current case finished (<paramref name="phase"/>: warm-up, prefill, total).</summary>
    void RunFinished(string phase, double ms);

    void CaseFinished(CaseMeasurement m);

    /// <summary>A free-form line (loading, weights made, ...).</summary>
    void Note(string line);
}

/// <summary>Reports nothing (tests).</summary>
public sealed class SilentProgress : IMeasurementProgress
{
    public void CaseStarted(string backend, MeasurementCase c, int runs) { }
    public void RunFinished(string phase, double ms) { }
    public void CaseFinished(CaseMeasurement m) { }
    public void Note(string line) { }
}
