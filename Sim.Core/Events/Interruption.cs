using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>
/// The event that resumes an interrupted process: failed with an <see cref="InterruptException"/>,
/// queued before every other event of the same time (like SimPy's urgent interrupts), so it
/// reaches the process before whatever it was waiting for.
/// </summary>
internal sealed class Interruption : Event
{
    public Interruption(Process process, object? cause) : base(process.Simulation, external: false)
    {
        AddListener(process);
        Trigger(null, new InterruptException(cause), -Simulation.MaxPriority);
    }
}
