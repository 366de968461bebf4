using Sim.Vhk158.Analysis;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Tests.Analysis;

/// <summary>The reference machine's six module units, and module-named shorthands for the timeline tests.</summary>
internal static class TimelineTestUnits
{
    public static MachineLayout Layout { get; } =
        new("test", Enumerable.Range(0, ModuleSet.Count).Select(m => UnitInfo.ForModule((Module)m)).ToArray());

    public static void Record(this TimelineRecorder r, Module module, double start, double end, int group) =>
        r.Executed((int)module, default, start, end - start, group);

    public static IReadOnlyList<BusyRun> Runs(this Timeline t, Module module) => t.Runs((int)module);
    public static double BusyMs(this Timeline t, Module module) => t.BusyMs((int)module);
    public static long Instructions(this Timeline t, Module module) => t.Instructions((int)module);
    public static double Fraction(this UtilizationProfile u, Module module, int bin) => u.Fraction((int)module, bin);
    public static double BusyMs(this UtilizationProfile u, Module module, int bin) => u.BusyMs((int)module, bin);
}
