namespace Sim.Vhk158.Memory.Benchmarks;

/// <summary>
/// An HBM microbenchmark: <paramref name="Masters"/> masters move data in requests of
/// <paramref name="RequestBytes"/> over the first <paramref name="Channels"/> pseudo-channels.
/// Sequentially, master j walks slice j of those channels' space; randomly, every master's
/// requests fall uniformly over all of it. With <paramref name="AllChannels"/> there is one master
/// per channel, master j on channel j (Shuhai's aggregate).
/// </summary>
public sealed record MemoryBenchmarkSpec(AccessPattern Pattern, int RequestBytes, int Channels, int Masters = 1, bool AllChannels = false, bool Write = false);
