using Sim.Vhk158.Isa;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps;

namespace Sim.Runner.Reporting;

/// <summary>One line of a sweep's report: a point and a case, with its breakdown or the point's error.</summary>
public sealed record SweepRow(SweepPoint Point, FpgaCase Case, CaseBreakdown? Result, string? Error)
{
    /// <summary>The modules whose utilization the report shows (SYS only marks barriers).</summary>
    public static readonly Module[] ShownModules = [Module.LD, Module.ST, Module.MM, Module.MV, Module.MISC];

    public static IReadOnlyList<SweepRow> From(IReadOnlyList<SweepOutcome> outcomes, IReadOnlyList<FpgaCase> cases) =>
        outcomes.SelectMany(o => cases.Select((c, i) => new SweepRow(o.Point, c, o.Cases?[i], o.Error))).ToList();
}
