using Sim.Vhk158.ConfigChecks;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.ConfigChecks;

public class CheckBucketsTests
{
    [Fact]
    public void Every_bucket_a_request_up_to_max_len_can_need()
    {
        var all = CheckBuckets.All(2048, BucketPolicy.Reference);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => 128 * i), all.Where(b => b.Stage == Stage.Prefill).Select(b => b.Tokens));
        Assert.Equal(Enumerable.Range(1, 128).Select(i => 16 * i), all.Where(b => b.Stage == Stage.Decode).Select(b => b.Tokens));
    }

    [Fact]
    public void Buckets_match_what_the_cases_ask_for()
    {
        // Every bucket some valid case needs is checked, and no other.
        var policy = BucketPolicy.Reference;
        var needed = new HashSet<Bucket>();
        for (int p = 1; p <= 300; p++)
            for (int d = 0; p + d <= 300; d += 7)
            {
                if (policy.PrefillBucket(p) > 300) continue;
                var (pre, dec) = policy.Buckets(p, d, 300);
                needed.Add(new Bucket(Stage.Prefill, pre));
                foreach (var t in dec) needed.Add(new Bucket(Stage.Decode, t));
            }
        var all = CheckBuckets.All(300, policy).ToHashSet();
        Assert.Superset(needed, all);
        Assert.Contains(new Bucket(Stage.Decode, 304), all); // context 300 pads to 304
    }
}
