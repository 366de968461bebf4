using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// The outcome of simulating one IR bucket: each unit's instruction count and busy time, in the
/// order the machine lists its units, the latency, the events the simulation processed, and the
/// resources it watched (when an observer asked for them).
/// </summary>
public sealed record ProfileResult(IReadOnlyList<UnitTotal> Units, double TotalMs, long Events)
{
    /// <summary>
    /// The exact CSV this result was read from (a cache entry), or null for a simulated one. The
    /// CSV's values are rounded to 6 decimals, so formatting them again would not give its bytes back.
    /// </summary>
    public string? SourceCsv { get; init; }

    /// <summary>The totals a <see cref="UnitTotals"/> observer collected.</summary>
    public static ProfileResult From(UnitTotals totals, double totalMs, long events)
    {
        var layout = totals.Layout ?? throw new InvalidOperationException("the machine never started the totals observer");
        var units = new UnitTotal[layout.Units.Count];
        for (int u = 0; u < units.Length; u++) units[u] = new UnitTotal(layout.Units[u], totals.Count(u), totals.Busy(u));
        return new ProfileResult(units, totalMs, events);
    }

    /// <summary>Instructions executed by module units (every instruction is, once).</summary>
    public long TotalCount => Units.Where(u => u.Unit.Module is not null).Sum(u => u.Count);

    /// <summary>Instructions of one module, over every core.</summary>
    public long Count(Module m) => Units.Where(u => u.Unit.Module == m).Sum(u => u.Count);

    /// <summary>Busy time of one module, over every core (ms).</summary>
    public double BusyMs(Module m)
    {
        double sum = 0;
        foreach (var u in Units) if (u.Unit.Module == m) sum += u.BusyMs;
        return sum;
    }

    /// <summary>Busy time as a percentage of the latency; modules overlap, so these add to more than 100.</summary>
    public double Utilization(Module m) => TotalMs > 0 ? 100 * BusyMs(m) / TotalMs : 0;
}
