using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Sweeps;

/// <summary>What one sweep point gave: a breakdown per case, or the error that made it skipped.</summary>
public sealed record SweepOutcome(SweepPoint Point, IReadOnlyList<CaseBreakdown>? Cases, string? Error)
{
    public bool Ok => Error is null;
}
