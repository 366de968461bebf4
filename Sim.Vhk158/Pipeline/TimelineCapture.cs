using Sim.Vhk158.Analysis;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Pipeline;

/// <summary>Simulates one bucket with a <see cref="TimelineRecorder"/> attached.</summary>
public static class TimelineCapture
{
    /// <returns>the lossless timeline (only back-to-back instructions merged) and the bucket's profile</returns>
    /// <param name="progress">optional: the share of the bucket simulated so far</param>
    public static (Timeline Timeline, ProfileResult Profile) Record(SimulationPipeline pipeline, Bucket bucket, LayerRange? layers = null, IProgress<double>? progress = null)
    {
        var recorder = new TimelineRecorder(layers);
        var profile = pipeline.Simulate(bucket, recorder, progress);
        return (recorder.Build(profile.TotalMs), profile);
    }
}
