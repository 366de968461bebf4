using Sim.Workloads.Ir;
namespace Sim.Vhk158.Profiling;

/// <summary>End-to-end latency of one request (batch 1): prefill, decode, total and decode throughput.</summary>
public sealed record CaseResult(int Prefill, int Decode, double PrefillMs, double DecodeMs)
{
    public double TotalMs => PrefillMs + DecodeMs;
    /// <summary>Decode tokens per second, as the seed reports it (D / decode time).</summary>
    public double TokensPerSecond => DecodeMs > 0 ? Decode / DecodeMs * 1000 : 0;

    /// <summary>Sums bucket latencies the way run.py does.</summary>
    public static CaseResult Aggregate(int prefill, int decode, BucketPolicy policy, Func<Stage, int, double> bucketMs)
    {
        double pre = bucketMs(Stage.Prefill, policy.PrefillBucket(prefill));
        double dec = 0;
        for (int i = 0; i < decode; i++) dec += bucketMs(Stage.Decode, policy.DecodeBucket(prefill, i));
        return new CaseResult(prefill, decode, pre, dec);
    }
}
