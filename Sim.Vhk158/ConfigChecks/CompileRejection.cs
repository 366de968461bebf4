using Sim.Workloads.Ir;

namespace Sim.Vhk158.ConfigChecks;

/// <summary>
/// The compiler rejects a config on some buckets of one stage: the first such bucket and its
/// message, how many of the stage's buckets fail, and the keys to blame (empty where none could
/// be singled out).
/// </summary>
public sealed record CompileRejection(
    Stage Stage,
    int FirstTokens,
    int LastTokens,
    int Failing,
    int Total,
    string Message,
    IReadOnlyList<KeyBlame> Keys);

/// <summary>A key the rejection is put down to: named in the message, or one whose reference value makes the bucket compile.</summary>
public sealed record KeyBlame(string Key, string? ReferenceValue);
