using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// The cause of the interrupt a process gets when a <see cref="PreemptiveResource"/> takes its
/// unit away: the process that took it (<paramref name="By"/>, null outside a process), since when
/// the evicted user had held it, and the resource.
/// </summary>
public sealed record Preempted(Process? By, double UsageSince, Resource Resource);
