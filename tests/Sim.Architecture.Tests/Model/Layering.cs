namespace Sim.Architecture.Tests.Model;

/// <summary>
/// The layering rule of the brief, stated once: which of our projects may use which.
/// Both the type-level and the project-reference tests read it, so they cannot drift apart.
/// </summary>
public static class Layering
{
    public static readonly Layer Core = new("Sim.Core", "Sim.Core", []);
    public static readonly Layer Workloads = new("Sim.Workloads", "Sim.Workloads", ["Sim.Core"]);
    public static readonly Layer Vhk158 = new("Sim.Vhk158", "Sim.Vhk158", ["Sim.Core", "Sim.Workloads"]);
    public static readonly Layer Gpu = new("Sim.Gpu", "Sim.Gpu", ["Sim.Core", "Sim.Workloads"]);
    // The CLI only wires the others together; its assembly is named after the command.
    public static readonly Layer Runner = new("Sim.Runner", "vhksim", ["Sim.Core", "Sim.Workloads", "Sim.Vhk158", "Sim.Gpu"]);

    public static IReadOnlyList<Layer> All { get; } = [Core, Workloads, Vhk158, Gpu, Runner];

    /// <summary>Our projects that <paramref name="layer"/> must not use.</summary>
    public static IReadOnlyList<Layer> ForbiddenFor(Layer layer) =>
        All.Where(other => other != layer && !layer.MayUse.Contains(other.Project)).ToList();
}
