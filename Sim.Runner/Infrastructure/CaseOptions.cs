using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Infrastructure;

/// <summary>Options of the verbs that simulate whole request cases: which cases and how many jobs.</summary>
public sealed class CaseOptions
{
    private readonly IReadOnlyList<FpgaCase> _defaultCases;

    /// <param name="defaultCases">the cases without --case/--cases (default: the seed's six)</param>
    public CaseOptions(IReadOnlyList<FpgaCase>? defaultCases = null)
    {
        _defaultCases = defaultCases ?? FpgaCase.Standard;
        var defaultText = string.Join(" ", _defaultCases);
        Cases = CaseOption.Create($"A case PREFILL:DECODE, one per flag (repeat the flag for more; default: {(defaultCases is null ? "the seed's six cases" : defaultText)}).");
    }

    public Option<string[]> Cases { get; }
    public Option<string?> CaseFile { get; } = new("--cases") { Description = "A YAML file of cases (e.g. configs/cases.yaml: the seed's six); --case adds to it." };
    public Option<int> Jobs { get; } = JobsOption.Create();

    public void AddTo(Command command)
    {
        command.Options.Add(Cases);
        command.Options.Add(CaseFile);
        command.Options.Add(Jobs);
    }

    /// <summary>The cases of --cases, then those of --case; the defaults when neither is given.</summary>
    public IReadOnlyList<FpgaCase> Read(ParseResult r)
    {
        var cases = new List<FpgaCase>();
        if (r.GetValue(CaseFile) is { } file) cases.AddRange(Infrastructure.CaseFile.Load(file));
        if (r.GetValue(Cases) is { Length: > 0 } given) cases.AddRange(given.Select(FpgaCase.Parse));
        return cases.Count > 0 ? cases : _defaultCases;
    }

    /// <summary>Like <see cref="Run"/>, also returning every bucket's result (for energy and other per-bucket figures).</summary>
    public (IReadOnlyList<FpgaCase> Cases, IReadOnlyDictionary<Bucket, ProfileResult> Buckets, SimulationPipeline Pipeline) RunBuckets(ParseResult r, SimulationOptions simulation)
    {
        var sw = Stopwatch.StartNew();
        var cases = Read(r);
        var pipeline = simulation.Build(r);
        var wanted = pipeline.BucketsFor(cases);
        var results = ProgressReporter.Run("simulating buckets", wanted.Count,
            progress => pipeline.Run(wanted, r.GetValue(Jobs), d => progress.Done(d.Bucket.ToString(), d.Cached), (b, share) => progress.Within(b.ToString(), share)));
        int cached = pipeline.Cache?.Hits ?? 0;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{wanted.Count} buckets: {wanted.Count - cached} simulated, {cached} reused from {pipeline.Cache?.Dir} ({sw.Elapsed.TotalSeconds:F2} s)"));
        return (cases, results, pipeline);
    }

    /// <summary>Simulates the cases through the pipeline the options build, showing progress and what the cache saved.</summary>
    public (IReadOnlyList<FpgaCase> Cases, IReadOnlyList<CaseResult> Results, SimulationPipeline Pipeline) Run(ParseResult r, SimulationOptions simulation)
    {
        var sw = Stopwatch.StartNew();
        var cases = Read(r);
        var pipeline = simulation.Build(r);
        int buckets = pipeline.BucketsFor(cases).Count;
        var results = ProgressReporter.Run("simulating buckets", buckets,
            progress => pipeline.RunCases(cases, r.GetValue(Jobs), d => progress.Done(d.Bucket.ToString(), d.Cached), (b, share) => progress.Within(b.ToString(), share)));
        int cached = pipeline.Cache?.Hits ?? 0;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{buckets} buckets: {buckets - cached} simulated, {cached} reused from {pipeline.Cache?.Dir} ({sw.Elapsed.TotalSeconds:F2} s)"));
        return (cases, results, pipeline);
    }
}
