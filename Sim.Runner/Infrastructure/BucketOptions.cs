using System.CommandLine;
using Sim.Workloads.Ir;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Infrastructure;

/// <summary>The --stage and --tokens pair that names one IR bucket.</summary>
public sealed class BucketOptions
{
    public BucketOptions()
    {
        Stage.AcceptOnlyFromAmong("prefill", "decode");
    }

    public Option<string> Stage { get; } = new("--stage") { Description = "prefill or decode.", Required = true };
    public Option<int> Tokens { get; } = new("--tokens") { Description = "Token length of the bucket (prefill L, or decode context L).", Required = true };

    public void AddTo(Command command)
    {
        command.Options.Add(Stage);
        command.Options.Add(Tokens);
    }

    public Bucket Read(ParseResult r) =>
        new(r.GetValue(Stage) == "prefill" ? Workloads.Ir.Stage.Prefill : Workloads.Ir.Stage.Decode, r.GetValue(Tokens));
}
