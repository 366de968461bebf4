using Sim.Workloads.Ir;

namespace Sim.Vhk158.Profiling;

/// <summary>One IR file's worth of work: a stage and its (padded) token length.</summary>
public readonly record struct Bucket(Stage Stage, int Tokens)
{
    public override string ToString() => $"{(Stage == Stage.Prefill ? "prefill" : "decode")} {Tokens}";
}
