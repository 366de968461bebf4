using Sim.Tests.Shared;
using Sim.Vhk158.Analysis;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Sources;

namespace Sim.Runner.Tests.Plots;

/// <summary>A decode-16 timeline of generated IR, simulated once for the plot and trace tests.</summary>
internal static class DecodeTimeline
{
    private static readonly Lazy<(Timeline Timeline, ProfileResult Profile)> Value = new(() =>
    {
        var config = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"));
        var model = ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));
        return TimelineCapture.Record(new SimulationPipeline(config, new GeneratedSource(model, null), cache: null), new Bucket(Stage.Decode, 16));
    });

    /// <summary>Lossless: only back-to-back instructions merged.</summary>
    public static Timeline Lossless => Value.Value.Timeline;
    public static ProfileResult Profile => Value.Value.Profile;
}
