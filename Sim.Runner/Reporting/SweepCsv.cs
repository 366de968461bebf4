using Sim.Core.IO;
using Sim.Vhk158.Sweeps;

namespace Sim.Runner.Reporting;

/// <summary>
/// <c>sweep.csv</c>: a line per point and case (point 0 is the baseline) with the swept values,
/// latencies, decode throughput, every module's utilization in percent, what the config needs of
/// a device and whether a known one holds it, the baseline and Δ% against it, the Pareto flag,
/// and a skipped point's error. Written atomically.
/// </summary>
public static class SweepCsv
{
    public const string FileName = "sweep.csv";

    public static void Write(string path, SweepResults results) => AtomicFile.WriteAllText(path, results.ToCsv());
}
