using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Profiling;

/// <summary>One unit's line of a profile: how many instructions it executed and for how long (ms).</summary>
public sealed record UnitTotal(UnitInfo Unit, long Count, double BusyMs);
