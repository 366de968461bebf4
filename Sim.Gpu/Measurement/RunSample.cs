namespace Sim.Gpu.Measurement;

/// <summary>One timed run: wall milliseconds and, where a counter was read, the joules it took.</summary>
public sealed record RunSample(double Ms, double? Joules);
