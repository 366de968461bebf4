using Sim.Workloads.Ir;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Energy;

/// <summary>
/// The energy of one request case: its prefill bucket once and each decode step's bucket, as the
/// latencies are summed (<see cref="CaseResult.Aggregate"/>); per decode token, tokens per joule
/// and average power while decoding.
/// </summary>
public sealed record CaseEnergy(EnergyBreakdown Prefill, EnergyBreakdown Decode, int DecodeTokens)
{
    public double JoulesPerToken => DecodeTokens > 0 ? Decode.TotalJ / DecodeTokens : 0;
    public double TokensPerJoule => Decode.TotalJ > 0 ? DecodeTokens / Decode.TotalJ : 0;
    public double DecodeWatts => Decode.Watts;
    public double TotalJ => Prefill.TotalJ + Decode.TotalJ;

    public static CaseEnergy Of(FpgaCase c, BucketPolicy policy, IReadOnlyDictionary<Bucket, ProfileResult> results, IEnergyModel model)
    {
        var prefill = model.Of(results[new Bucket(Stage.Prefill, policy.PrefillBucket(c.Prefill))]);
        var decode = EnergyBreakdown.Zero;
        // Each step's bucket once per step, as the latency is summed.
        var perBucket = new Dictionary<int, EnergyBreakdown>();
        for (int i = 0; i < c.Decode; i++)
        {
            int tokens = policy.DecodeBucket(c.Prefill, i);
            if (!perBucket.TryGetValue(tokens, out var e)) perBucket[tokens] = e = model.Of(results[new Bucket(Stage.Decode, tokens)]);
            decode += e;
        }
        return new CaseEnergy(prefill, decode, c.Decode);
    }
}
