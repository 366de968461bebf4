namespace Sim.Vhk158.Analysis;

/// <summary>
/// Consecutive instructions of one module in one layer group, drawn as one bar: from the first
/// start to the last end. <see cref="Busy"/> is the sum of their durations (less than the span
/// when idle gaps were merged in), <see cref="Count"/> how many instructions it holds.
/// </summary>
public readonly record struct BusyRun(double Start, double End, double Busy, int Group, int Count)
{
    public double Span => End - Start;
}
