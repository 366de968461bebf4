using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Infrastructure;

/// <summary>Options of the verbs that simulate whole request cases: which cases, where CSVs go, how many jobs, caching.</summary>
public sealed class CaseOptions
{
    private readonly IReadOnlyList<FpgaCase> _defaultCases;

    /// <param name="defaultCases">the cases without --case/--cases (default: the seed's six)</param>
    /// <param name="outDefault">the default of --out</param>
    /// <param name="outDescription">the help of --out, when it means more than the CSV folder</param>
    public CaseOptions(IReadOnlyList<FpgaCase>? defaultCases = null, string outDefault = ".compiler_output", string? outDescription = null)
    {
        _defaultCases = defaultCases ?? FpgaCase.Standard;
        var defaultText = string.Join(" ", _defaultCases);
        Cases = new("--case") { Description = $"A case PREFILL:DECODE (repeatable; default: {(defaultCases is null ? "the seed's six cases" : defaultText)}).", AllowMultipleArgumentsPerToken = true };
        OutDir = new("--out") { Description = outDescription ?? $"Output folder; bucket CSVs and their cache keys go to OUT/profiler_output (default {outDefault}).", DefaultValueFactory = _ => outDefault };
    }

    public Option<string[]> Cases { get; }
    public Option<string?> CaseFile { get; } = new("--cases") { Description = "A YAML file of cases (e.g. configs/cases.yaml: the seed's six); --case adds to it." };
    public Option<string> OutDir { get; }
    public Option<int> Jobs { get; } = JobsOption.Create();
    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Simulate every bucket even where a cached CSV's key matches (the CSVs are rewritten)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Cases);
        command.Options.Add(CaseFile);
        command.Options.Add(OutDir);
        command.Options.Add(Jobs);
        command.Options.Add(NoCache);
    }

    /// <summary>The cases of --cases, then those of --case; the defaults when neither is given.</summary>
    public IReadOnlyList<FpgaCase> Read(ParseResult r)
    {
        var cases = new List<FpgaCase>();
        if (r.GetValue(CaseFile) is { } file) cases.AddRange(Infrastructure.CaseFile.Load(file));
        if (r.GetValue(Cases) is { Length: > 0 } given) cases.AddRange(given.Select(FpgaCase.Parse));
        return cases.Count > 0 ? cases : _defaultCases;
    }

    /// <summary>Simulates the cases with the workload the options name, showing progress and what the cache saved.</summary>
    public (IReadOnlyList<FpgaCase> Cases, IReadOnlyList<CaseResult> Results, int Buckets) Run(ParseResult r, WorkloadOptions workload)
    {
        var sw = Stopwatch.StartNew();
        var config = workload.LoadConfig(r);
        var cases = Read(r);
        var source = workload.Source(r, config);
        var bucketRunner = new BucketRunner(new FpgaProfiler(config), source, r.GetValue(OutDir)) { ReuseCache = !r.GetValue(NoCache) };
        var runner = new FpgaCaseRunner(bucketRunner, config.MaxLen);
        int buckets = runner.BucketsFor(cases).Count;
        var results = ProgressReporter.Run("simulating buckets", buckets,
            progress => runner.Run(cases, r.GetValue(Jobs), d => progress.Done(d.Bucket.ToString(), d.Cached)));
        int cached = bucketRunner.Cache?.Hits ?? 0;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{buckets} buckets: {buckets - cached} simulated, {cached} reused from {bucketRunner.Cache?.Dir} ({sw.Elapsed.TotalSeconds:F2} s)"));
        return (cases, results, buckets);
    }
}
