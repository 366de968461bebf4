using Sim.Vhk158.Profiling;
namespace Sim.Vhk158.Pipeline;

/// <summary>A finished bucket: its result, and whether it came from the profile cache instead of a simulation.</summary>
public sealed record BucketDone(Bucket Bucket, ProfileResult Result, bool Cached);
