namespace Sim.Vhk158.Memory.Benchmarks;

/// <summary>What a microbenchmark sustained: aggregate and per-master GB/s (10^9 B/s), bytes moved and simulated time.</summary>
public sealed record MemoryBenchmarkResult(
    string Model, string Interconnect, MemoryBenchmarkSpec Spec, int Masters, long Bytes, double TimeMs, double GbPerS)
{
    public double GbPerSPerMaster => GbPerS / Masters;
}
