using Sim.Architecture.Tests.Model;

namespace Sim.Architecture.Tests.Rules;

/// <summary>
/// The layering rule at the project level, from the csproj files as written: a ProjectReference
/// that no code uses yet still lets the next change use it, so it is caught here.
/// </summary>
public class ProjectReferenceRules
{
    [Fact]
    public void Sim_Core_references_no_project() => ReferencesOnlyWhatItMay(Layering.Core);

    [Fact]
    public void Sim_Workloads_references_only_Sim_Core() => ReferencesOnlyWhatItMay(Layering.Workloads);

    [Fact]
    public void Sim_Vhk158_references_only_Sim_Core_and_Sim_Workloads() => ReferencesOnlyWhatItMay(Layering.Vhk158);

    [Fact]
    public void Sim_Gpu_references_only_Sim_Core_and_Sim_Workloads() => ReferencesOnlyWhatItMay(Layering.Gpu);

    [Fact]
    public void No_project_but_tests_references_Sim_Runner()
    {
        var graph = ProjectGraph.Current;
        graph.Named(Layering.Runner.Project);
        // A test project may reference what it tests; every other project (benchmarks included) may not.
        var offenders = graph.Projects
            .Where(p => !p.IsTestProject && p.Name != Layering.Runner.Project && p.References.Contains(Layering.Runner.Project))
            .Select(p => p.RelativePath)
            .ToList();
        Assert.True(offenders.Count == 0,
            $"Sim.Runner only wires the other projects together, yet these reference it: {string.Join(", ", offenders)}");
    }

    private static void ReferencesOnlyWhatItMay(Layer layer)
    {
        var project = ProjectGraph.Current.Named(layer.Project);
        var forbidden = project.References.Where(r => !layer.MayUse.Contains(r)).ToList();
        var allowed = layer.MayUse.Count == 0 ? "no project" : string.Join(", ", layer.MayUse);
        Assert.True(forbidden.Count == 0,
            $"{project.RelativePath} has a ProjectReference to {string.Join(", ", forbidden)}; {layer.Project} may reference {allowed}");
    }
}
