using Sim.Gpu.Backends;
using Sim.Gpu.Measurement;

namespace Sim.Gpu.Tests;

/// <summary>
/// A run meter whose times do not depend on the machine: each run really generates (so tokens
/// and rows are real), and takes <c>BaseMs + MsPerToken·n</c> ms for n tokens unless a scripted
/// time is queued; with a power, the joules are power × time. Tests of the protocol and the
/// verb use it so that no test depends on timing being sane under load.
/// </summary>
public sealed class ScriptedRunMeter(double baseMs = 1, double msPerToken = 0.25, double? watts = null) : IRunMeter
{
    private readonly Queue<double> _scripted = new();

    public int Runs { get; private set; }

    public string EnergyNote => watts is null ? "no energy (scripted meter)" : "scripted energy";

    public bool HasEnergy => watts is not null;

    /// <summary>The next runs take these times, in order (then the formula again).</summary>
    public ScriptedRunMeter Then(params double[] ms)
    {
        foreach (var x in ms) _scripted.Enqueue(x);
        return this;
    }

    public RunSample Measure(Func<GenerationResult> run, int newTokens, out GenerationResult result)
    {
        result = run();
        Runs++;
        var ms = _scripted.Count > 0 ? _scripted.Dequeue() : baseMs + msPerToken * newTokens;
        return new RunSample(ms, watts * ms / 1000.0);
    }
}
