using Sim.Core.Engine;

namespace Sim.Core.Resources;

/// <summary>
/// A <see cref="PriorityResource"/> whose requests may take a unit away from a user of lower
/// priority (a larger number), as in SimPy: when no unit is free, a preempting request at the head
/// of the queue evicts the user with the lowest priority (the latest request among equals) if that
/// priority is strictly lower than its own. The evicted request counts as released
/// (<see cref="ResourceRequest.WasPreempted"/>) and the process that made it is interrupted
/// (see <see cref="Events.Process.Interrupt"/>) with a <see cref="Preempted"/> cause.
/// </summary>
public sealed class PreemptiveResource : PriorityResource
{
    /// <summary>Creates a resource of <paramref name="capacity"/> units with preemption by priority.</summary>
    public PreemptiveResource(Simulation simulation, int capacity = 1, string? name = null) : base(simulation, capacity, name, trackUsers: true)
    {
    }

    /// <summary>
    /// Asks for one unit with <paramref name="priority"/>; with <paramref name="preempt"/> it may
    /// take the unit of a user of lower priority when none is free (the default, as in SimPy;
    /// <c>Request(priority, label)</c> asks without preemption).
    /// </summary>
    public ResourceRequest Request(int priority, bool preempt = true, string? label = null)
    {
        Simulation.CheckPriority(priority);
        return Enqueue(NewRequest(priority, preempt, label));
    }

    private protected override bool TryPreempt(ResourceRequest request)
    {
        ResourceRequest? victim = null;
        foreach (var user in Users)
        {
            if (victim is null || user.Priority > victim.Priority || (user.Priority == victim.Priority && user.IssuedAt >= victim.IssuedAt))
                victim = user;
        }
        if (victim is null || victim.Priority <= request.Priority) return false;
        Evict(victim);
        // A process that preempts its own unit knows it; any other owner is told.
        if (victim.Owner is { IsAlive: true } owner && !ReferenceEquals(owner, request.Owner))
            owner.Interrupt(new Preempted(request.Owner, victim.GrantedAt, this));
        return true;
    }
}
