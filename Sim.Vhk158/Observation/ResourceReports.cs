namespace Sim.Vhk158.Observation;

/// <summary>Collects the report of every resource a machine watched, in the order the machine named them.</summary>
public sealed class ResourceReports : RunObserver
{
    private readonly List<WatchedResource> _watched = [];

    public override bool WatchesResources => true;

    public override void Watch(WatchedResource resource) => _watched.Add(resource);

    /// <summary>The figures, read when asked (after the run).</summary>
    public IReadOnlyList<ResourceReport> Reports => _watched.Select(w => w.Report()).ToList();
}
