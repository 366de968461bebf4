using Sim.Vhk158.Config;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Sweeps;

/// <summary>What one sweep point gave: its config and a breakdown per case, or the error that made it skipped.</summary>
public sealed record SweepOutcome(SweepPoint Point, IReadOnlyList<CaseBreakdown>? Cases, string? Error, HardwareConfig? Config = null)
{
    public bool Ok => Error is null;
}
