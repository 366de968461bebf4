using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Sampling;

/// <summary>How a sweep picks its points from the axes' values.</summary>
public enum SamplingMethod { Grid, Random, LatinHypercube }

/// <summary>The sampling method with its sample count and seed (both unused by the full grid).</summary>
public sealed record SweepSampling(SamplingMethod Method, int Samples, ulong Seed)
{
    public static readonly SweepSampling Grid = new(SamplingMethod.Grid, 0, 0);

    public static string Name(SamplingMethod m) => m switch
    {
        SamplingMethod.Grid => "grid",
        SamplingMethod.Random => "random",
        _ => "lhs",
    };

    public static SamplingMethod Parse(string text, string where) => text switch
    {
        "grid" => SamplingMethod.Grid,
        "random" => SamplingMethod.Random,
        "lhs" or "latin-hypercube" => SamplingMethod.LatinHypercube,
        _ => throw new InputException($"{where}: sampling method '{text}' is not grid, random or lhs"),
    };
}
