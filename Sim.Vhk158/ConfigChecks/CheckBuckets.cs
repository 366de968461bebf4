using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.ConfigChecks;

/// <summary>Every bucket of each stage a request up to MAX_LEN can need under a bucket policy (spec §1.6).</summary>
public static class CheckBuckets
{
    public static IReadOnlyList<Bucket> All(int maxLen, BucketPolicy policy)
    {
        var prefill = new SortedSet<int>();
        var decode = new SortedSet<int>();
        for (int tokens = 1; tokens <= maxLen; tokens++)
        {
            if (policy.PrefillBucket(tokens) <= maxLen) prefill.Add(policy.PrefillBucket(tokens));
            // a decode step's context (prompt + steps so far + the new token) is 2..MAX_LEN: the first step after a prompt of tokens-1
            if (tokens >= 2) decode.Add(policy.DecodeBucket(tokens - 1, 0));
        }
        return prefill.Select(t => new Bucket(Stage.Prefill, t))
            .Concat(decode.Select(t => new Bucket(Stage.Decode, t))).ToList();
    }
}
