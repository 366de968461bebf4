using Sim.Gpu.Backends;

namespace Sim.Gpu.Measurement;

/// <summary>Times one generation and reads the energy it took, where that can be read.</summary>
public interface IRunMeter
{
    /// <summary>Where energy comes from, or why there is none (said once per measurement).</summary>
    string EnergyNote { get; }

    /// <summary>Whether <see cref="RunSample.Joules"/> is filled in.</summary>
    bool HasEnergy { get; }

    /// <summary>Runs <paramref name="run"/> (generating <paramref name="newTokens"/> tokens) and measures it.</summary>
    RunSample Measure(Func<GenerationResult> run, int newTokens, out GenerationResult result);
}
