using System.Globalization;
using Sim.Workloads.Ir;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// End-to-end FPGA latency of request cases: every bucket the cases need is simulated once
/// (in parallel), then each case sums its buckets as run.py does. run.py reads the latency
/// back from the CSV, so the sums use the CSV's 6-decimal values.
/// </summary>
public sealed class FpgaCaseRunner
{
    private readonly BucketRunner _runner;
    private readonly int _maxLen;

    public FpgaCaseRunner(BucketRunner runner, int maxLen)
    {
        _runner = runner;
        _maxLen = maxLen;
    }

    public BucketPolicy Policy { get; init; } = BucketPolicy.Reference;

    /// <summary>The bucket runner the cases use (its cache holds the hit counts).</summary>
    public BucketRunner Runner => _runner;

    /// <summary>Every bucket the cases need, validated against MAX_LEN.</summary>
    public IReadOnlyList<Bucket> BucketsFor(IEnumerable<FpgaCase> cases)
    {
        var buckets = new HashSet<Bucket>();
        foreach (var c in cases)
        {
            var (pre, dec) = Policy.Buckets(c.Prefill, c.Decode, _maxLen);
            buckets.Add(new Bucket(Stage.Prefill, pre));
            foreach (var d in dec) buckets.Add(new Bucket(Stage.Decode, d));
        }
        return buckets.OrderBy(b => b.Stage).ThenBy(b => b.Tokens).ToList();
    }

    public IReadOnlyList<CaseResult> Run(IReadOnlyList<FpgaCase> cases, int parallelism = 0, Action<BucketDone>? done = null)
    {
        var results = _runner.Run(BucketsFor(cases), parallelism, done);
        return cases.Select(c => Aggregate(c, results)).ToList();
    }

    /// <summary>A case's latency from its buckets' results, summed as run.py does.</summary>
    public CaseResult Aggregate(FpgaCase c, IReadOnlyDictionary<Bucket, ProfileResult> results)
    {
        double Ms(Stage s, int tokens) => AsPrinted(results[new Bucket(s, tokens)].TotalMs);
        return CaseResult.Aggregate(c.Prefill, c.Decode, Policy, Ms);
    }

    /// <summary>The value run.py reads back: the CSV's <c>%f</c> text parsed again.</summary>
    public static double AsPrinted(double ms) => double.Parse(ProfilerCsv.F(ms), CultureInfo.InvariantCulture);
}
