namespace Sim.Core.Analysis;

/// <summary>A span of simulated time during which something was busy doing <see cref="Label"/>.</summary>
public readonly record struct BusyInterval(double Start, double End, string Label)
{
    /// <summary>End minus start.</summary>
    public double Duration => End - Start;
}
