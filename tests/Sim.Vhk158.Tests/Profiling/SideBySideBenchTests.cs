using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Tests.Profiling;

/// <summary>The side-by-side benchmark counts what each config simulated, as runs of each alone would (no timing is checked: a benchmark is not a test).</summary>
public class SideBySideBenchTests
{
    [Fact]
    public void Each_side_counts_the_events_and_instructions_of_its_own_config()
    {
        var reference = TestWorkloads.Config();
        var detailed = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158-detailed.yaml"));
        SimulationPipeline Make(HardwareConfig c) => new(c, new GeneratedSource(TestWorkloads.Model, TestWorkloads.SyntheticMasks), cache: null);
        Bucket[] buckets = [new(Stage.Decode, 16), new(Stage.Decode, 32)];
        var (a, b) = SideBySideBench.Run(() => Make(detailed), () => Make(reference), buckets);
        foreach (var (side, config) in new[] { (a, detailed), (b, reference) })
        {
            var alone = Make(config).Run(buckets, 1);
            Assert.Equal(alone.Values.Sum(r => r.Events), side.Events);
            Assert.Equal(alone.Values.Sum(r => r.TotalCount), side.Instructions);
            Assert.Equal(alone.Values.Sum(r => r.TotalMs), side.TotalMs, 1e-9);
            Assert.Equal(2, side.Buckets);
        }
        Assert.Equal(3 * b.Instructions, a.Instructions); // the preset's three cores each run every instruction
    }
}
