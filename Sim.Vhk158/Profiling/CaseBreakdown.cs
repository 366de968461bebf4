using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// Where a whole request case spends its time: its latency, and each module's busy time summed
/// over every bucket run the case makes (the prefill once, each decode step's bucket once per
/// step), so utilization is busy over total weighted by how long each bucket runs.
/// </summary>
public sealed record CaseBreakdown(CaseResult Latency, double[] BusyMs)
{
    public double TotalMs => Latency.TotalMs;

    /// <summary>Busy time in percent of the case's latency; modules overlap, so these add to more than 100.</summary>
    public double Utilization(Module m) => TotalMs > 0 ? 100 * BusyMs[(int)m] / TotalMs : 0;

    /// <summary>
    /// Sums the buckets' values as the CSV prints them (<see cref="ProfilerCsv.AsPrinted"/>),
    /// so a case reads the same whether its buckets were simulated now or reused from the cache.
    /// </summary>
    public static CaseBreakdown Of(FpgaCase c, BucketPolicy policy, IReadOnlyDictionary<Bucket, ProfileResult> results)
    {
        var busy = new double[ModuleSet.Count];
        void Add(Bucket b)
        {
            var r = results[b];
            for (int m = 0; m < busy.Length; m++) busy[m] += ProfilerCsv.AsPrinted(r.BusyMs((Module)m));
        }
        Add(new Bucket(Stage.Prefill, policy.PrefillBucket(c.Prefill)));
        for (int i = 0; i < c.Decode; i++) Add(new Bucket(Stage.Decode, policy.DecodeBucket(c.Prefill, i)));
        var latency = CaseResult.Aggregate(c.Prefill, c.Decode, policy,
            (s, tokens) => ProfilerCsv.AsPrinted(results[new Bucket(s, tokens)].TotalMs));
        return new CaseBreakdown(latency, busy);
    }
}
