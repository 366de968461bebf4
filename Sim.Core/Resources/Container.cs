using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A continuous level between 0 and a capacity (fluid, energy, bytes of a buffer).
/// <see cref="Put"/> waits until the amount fits, <see cref="Get"/> until the amount is there.
/// Each side is served strictly in arrival order: a waiting head blocks the requests behind it.
/// </summary>
public sealed class Container : BaseResource<ContainerRequest, ContainerRequest>
{
    private readonly Event _done;

    /// <summary>Creates a container holding <paramref name="initialLevel"/> of at most <paramref name="capacity"/>.</summary>
    public Container(Simulation simulation, double capacity = double.PositiveInfinity, double initialLevel = 0, string? name = null)
        : base(simulation, name)
    {
        if (!(capacity > 0)) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");
        if (!(initialLevel >= 0 && initialLevel <= capacity))
            throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"must be within [0, {capacity}]");
        Capacity = capacity;
        Level = initialLevel;
        _done = new Event(simulation, external: false);
        _done.SucceedImmediately();
    }

    /// <summary>The highest level.</summary>
    public double Capacity { get; }

    /// <summary>The level now.</summary>
    public double Level { get; private set; }

    /// <summary>Puts waiting for room.</summary>
    public int WaitingPuts => PutQueue.Count;

    /// <summary>Gets waiting for content.</summary>
    public int WaitingGets => GetQueue.Count;

    private protected override double MonitoredCapacity => Capacity;

    private protected override double MonitoredLevel => Level;

    /// <summary>Adds <paramref name="amount"/>; the returned event happens once it fits.</summary>
    public Event Put(double amount)
    {
        CheckAmount(amount);
        if (PutQueue.Count == 0 && Level + amount <= Capacity)
        {
            Level += amount;
            Monitor?.WaitingTime.Add(0);
            Settle();
            Observe();
            return _done;
        }
        var put = new ContainerRequest(Simulation, amount);
        PutQueue.Enqueue(put);
        Observe();
        return put;
    }

    /// <summary>Removes <paramref name="amount"/>; the returned event happens once it is there.</summary>
    public Event Get(double amount)
    {
        CheckAmount(amount);
        if (GetQueue.Count == 0 && Level >= amount)
        {
            Level -= amount;
            Monitor?.GetWaitingTime.Add(0);
            Settle();
            Observe();
            return _done;
        }
        var get = new ContainerRequest(Simulation, amount);
        GetQueue.Enqueue(get);
        Observe();
        return get;
    }

    private protected override bool DoPut(ContainerRequest put)
    {
        if (Level + put.Amount > Capacity) return false;
        Level += put.Amount;
        put.Trigger(null, null);
        return true;
    }

    private protected override bool DoGet(ContainerRequest get)
    {
        if (Level < get.Amount) return false;
        Level -= get.Amount;
        get.Trigger(null, null);
        return true;
    }

    private void CheckAmount(double amount)
    {
        if (!(amount > 0 && amount <= Capacity))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"must be positive and at most the capacity {Capacity}");
    }
}
