using Sim.Core.Engine;

namespace Sim.Core.Events;

/// <summary>
/// An event that happens a fixed delay after it was created. It fires at exactly
/// <c>creation time + delay</c>: one double addition, so model arithmetic done the same way
/// outside the simulation reproduces the timestamps bit for bit.
/// </summary>
public sealed class Timeout : Event
{
    internal Timeout(Simulation simulation, double delay, int priority) : base(simulation, external: false)
    {
        Start(delay, priority);
    }

    /// <summary>The time at which the timeout fires.</summary>
    public double Time { get; private set; }

    /// <summary>Schedules a fresh timeout, or again a recycled one that has fired (see <c>Simulation.Delay</c>).</summary>
    internal void Start(double delay, int priority)
    {
        if (!(delay >= 0) || double.IsPositiveInfinity(delay))
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "must be finite and not negative");
        Simulation.CheckPriority(priority);
        Time = Simulation.Now + delay; // the one addition that makes timestamps reproducible
        State = EventState.Scheduled;
        Simulation.Schedule(this, Time, priority);
    }

    private protected override string Describe() => $"Timeout@{Time}";
}
