using System.CommandLine;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Infrastructure;

/// <summary>Options of the verbs that simulate whole request cases: which cases, where CSVs go, how many jobs.</summary>
public sealed class CaseOptions
{
    public Option<string[]> Cases { get; } = new("--case") { Description = "A case PREFILL:DECODE (repeatable; default: the seed's six cases).", AllowMultipleArgumentsPerToken = true };
    public Option<string> OutDir { get; } = new("--out") { Description = "Output folder for the bucket CSVs, under OUT/profiler_output (default .compiler_output).", DefaultValueFactory = _ => ".compiler_output" };
    public Option<int> Jobs { get; } = new("--jobs") { Description = "Parallel simulations (default: one per core)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Cases);
        command.Options.Add(OutDir);
        command.Options.Add(Jobs);
    }

    public IReadOnlyList<FpgaCase> Read(ParseResult r) =>
        r.GetValue(Cases) is { Length: > 0 } given ? given.Select(FpgaCase.Parse).ToList() : FpgaCase.Standard;

    /// <summary>Simulates the cases with the workload the options name.</summary>
    public (IReadOnlyList<FpgaCase> Cases, IReadOnlyList<CaseResult> Results, int Buckets) Run(ParseResult r, WorkloadOptions workload)
    {
        var config = workload.LoadConfig(r);
        var source = workload.Source(r, config);
        var cases = Read(r);
        var runner = new FpgaCaseRunner(new BucketRunner(new FpgaProfiler(config), source, r.GetValue(OutDir)), config.MaxLen);
        int buckets = runner.BucketsFor(cases).Count;
        return (cases, runner.Run(cases, r.GetValue(Jobs)), buckets);
    }
}
