using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// The SYS barrier across cores: the SYS closing a group completes on every core only once all
/// cores have reached it, so no core starts the next layer before every core has finished this one.
/// </summary>
internal sealed class CoreBarrier(Simulation sim, int cores)
{
    private readonly Dictionary<int, (int Arrived, Event Released)> _open = [];

    /// <summary>A core reaches the barrier of <paramref name="group"/>; the event fires when the last core has.</summary>
    public Event Arrive(int group, out bool last)
    {
        if (!_open.TryGetValue(group, out var state)) state = (0, new Event(sim));
        state.Arrived++;
        last = state.Arrived == cores;
        if (last)
        {
            _open.Remove(group);
            state.Released.Succeed();
        }
        else _open[group] = state;
        return state.Released;
    }
}
