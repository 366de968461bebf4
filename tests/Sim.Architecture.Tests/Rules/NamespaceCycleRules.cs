using Sim.Architecture.Tests.Model;

namespace Sim.Architecture.Tests.Rules;

/// <summary>
/// No project's namespaces (sliced by the first segment under the project's root) use each other in
/// a loop: a loop means neither folder can change, or be understood, without the other.
/// </summary>
public class NamespaceCycleRules
{
    [Fact]
    public void Sim_Vhk158_has_no_namespace_cycles() => NoCycles(Layering.Vhk158);

    [Fact]
    public void Sim_Workloads_has_no_namespace_cycles() => NoCycles(Layering.Workloads);

    // Sim.Core is left out: Engine and Events use each other by design (an event is scheduled on
    // its simulation, the simulation runs events), as in SimPy's core.
    // Sim.Runner is left out for now: Infrastructure.GpuOptions uses Commands.PlainGpuProgress while
    // the commands use Infrastructure.
    [Fact]
    public void Sim_Gpu_has_no_namespace_cycles() => NoCycles(Layering.Gpu);

    private static void NoCycles(Layer layer)
    {
        var architecture = ProductionCode.Architecture;
        var slices = NamespaceSlices.ByFirstSegmentUnder(layer.Project);
        var found = slices.GetObjects(architecture).ToList();
        Assert.True(found.Count > 1, $"expected several namespaces under {layer.Project}, found {found.Count}: the slicing is broken");

        // The library's verdict decides; the enumeration says which loops to cut, and the library's own
        // report is added should the two ever disagree.
        var violations = slices.Should().BeFreeOfCycles().Evaluate(architecture).Where(r => !r.Passed).ToList();
        var cycles = SliceCycles.Find(found, layer.Project);
        var message = $"{cycles.Count} namespace cycle(s) under {layer.Project}:" + Environment.NewLine +
                      string.Join(Environment.NewLine, cycles.Select(c => c.Describe()));
        if (cycles.Count == 0)
            message += Environment.NewLine + string.Join(Environment.NewLine, violations.Select(v => v.Description));
        Assert.True(violations.Count == 0 && cycles.Count == 0, message);
    }
}
