using Sim.Vhk158.Profiling;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Analysis;

/// <summary>Simulates one bucket with a <see cref="TimelineRecorder"/> attached.</summary>
public static class TimelineCapture
{
    /// <returns>the lossless timeline (only back-to-back instructions merged) and the bucket's profile</returns>
    public static (Timeline Timeline, ProfileResult Profile) Record(FpgaProfiler profiler, IWorkloadSource source, Bucket bucket, LayerRange? layers = null)
    {
        var program = source.Load(bucket.Stage, bucket.Tokens);
        var recorder = new TimelineRecorder(layers);
        var profile = profiler.Profile(program, source.Masks, source.Describe(bucket.Stage, bucket.Tokens), recorder);
        return (recorder.Finish(profile.TotalMs), profile);
    }
}
