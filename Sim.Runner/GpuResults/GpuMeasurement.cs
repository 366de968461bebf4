using Sim.Vhk158.Profiling;

namespace Sim.Runner.GpuResults;

/// <summary>One case measured on one GPU backend, and where the numbers came from; the decode energy per token where it was measured.</summary>
public sealed record GpuMeasurement(CaseResult Result, GpuProvenance Provenance, double? DecodeJoulesPerToken = null);
