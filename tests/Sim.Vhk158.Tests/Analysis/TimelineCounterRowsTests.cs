using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Tests.Analysis;

public class TimelineCounterRowsTests
{
    /// <summary>The detailed machine's counters (bytes, MACs) are CSV rows of the profile, not rows of a timeline.</summary>
    [Fact]
    public void Counters_are_profile_rows_but_not_timeline_rows()
    {
        var config = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "u280.yaml"));
        var model = ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));
        var (timeline, profile) = TimelineCapture.Record(new SimulationPipeline(config, new GeneratedSource(model, null), cache: null), new Bucket(Stage.Decode, 16));
        Assert.Contains(profile.Units, u => u.Unit.Kind == UnitInfo.CounterKind && u.Count > 0);
        Assert.DoesNotContain(timeline.Units, u => u.Kind == UnitInfo.CounterKind);
        Assert.Contains(timeline.Units, u => u.Name.StartsWith("hbm.pc"));
    }
}
