using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Studies;

/// <summary>One axis of a Pareto front: a numeric result column and whether more or less is better.</summary>
public sealed record ParetoObjective(string Column, bool Maximize)
{
    /// <summary>Decode throughput, the headline of every FlightLLM comparison.</summary>
    public static readonly ParetoObjective DefaultX = new(SweepColumns.DecodeTokensPerSecond, true);

    /// <summary>
    /// DSP slices the config's parallelism needs: the reference machine reports neither energy nor
    /// resources, and DSPs are what buy MAC parallelism on these boards (the paper's RTL model
    /// sizes the design by them), so tok/s against DSPs is the cost/benefit trade-off.
    /// </summary>
    public static readonly ParetoObjective DefaultY = new(SweepColumns.Dsp, false);

    /// <summary>"max COLUMN" or "min COLUMN".</summary>
    public override string ToString() => $"{(Maximize ? "max" : "min")} {Column}";

    public static ParetoObjective Parse(string text, string where)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0] is not ("max" or "min"))
            throw new InputException($"{where}: '{text}' is not 'max COLUMN' or 'min COLUMN'")
            {
                Hint = $"e.g. 'max {SweepColumns.DecodeTokensPerSecond}' or 'min {SweepColumns.TotalMs}'",
            };
        return new ParetoObjective(parts[1], parts[0] == "max");
    }
}
