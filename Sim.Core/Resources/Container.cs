using Sim.Core.Engine;
using Sim.Core.Events;

namespace Sim.Core.Resources;

/// <summary>
/// A continuous level between 0 and a capacity (fluid, energy, bytes of a buffer).
/// <see cref="Put"/> waits until the amount fits, <see cref="Get"/> until the amount is there.
/// Each side is served strictly in arrival order: a waiting head blocks the requests behind it.
/// </summary>
public sealed class Container
{
    private readonly Queue<ContainerRequest> _puts = new();
    private readonly Queue<ContainerRequest> _gets = new();
    private readonly Event _done;

    /// <summary>Creates a container holding <paramref name="initialLevel"/> of at most <paramref name="capacity"/>.</summary>
    public Container(Simulation simulation, double capacity = double.PositiveInfinity, double initialLevel = 0, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (!(capacity > 0)) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");
        if (!(initialLevel >= 0 && initialLevel <= capacity))
            throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"must be within [0, {capacity}]");
        Simulation = simulation;
        Capacity = capacity;
        Level = initialLevel;
        Name = name;
        _done = new Event(simulation, external: false);
        _done.SucceedImmediately();
    }

    /// <summary>The simulation the container belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The highest level.</summary>
    public double Capacity { get; }

    /// <summary>The level now.</summary>
    public double Level { get; private set; }

    /// <summary>The container name, for messages.</summary>
    public string? Name { get; }

    /// <summary>Puts waiting for room.</summary>
    public int WaitingPuts => _puts.Count;

    /// <summary>Gets waiting for content.</summary>
    public int WaitingGets => _gets.Count;

    /// <summary>Adds <paramref name="amount"/>; the returned event happens once it fits.</summary>
    public Event Put(double amount)
    {
        CheckAmount(amount);
        if (_puts.Count == 0 && Level + amount <= Capacity)
        {
            Level += amount;
            Settle();
            return _done;
        }
        var put = new ContainerRequest(Simulation, amount);
        _puts.Enqueue(put);
        return put;
    }

    /// <summary>Removes <paramref name="amount"/>; the returned event happens once it is there.</summary>
    public Event Get(double amount)
    {
        CheckAmount(amount);
        if (_gets.Count == 0 && Level >= amount)
        {
            Level -= amount;
            Settle();
            return _done;
        }
        var get = new ContainerRequest(Simulation, amount);
        _gets.Enqueue(get);
        return get;
    }

    /// <summary>Serves waiting heads until neither side can move (a get can make room for a put and back).</summary>
    private void Settle()
    {
        bool progress;
        do
        {
            progress = false;
            while (_gets.Count > 0 && Level >= _gets.Peek().Amount)
            {
                var get = _gets.Dequeue();
                Level -= get.Amount;
                get.Trigger(null, null);
                progress = true;
            }
            while (_puts.Count > 0 && Level + _puts.Peek().Amount <= Capacity)
            {
                var put = _puts.Dequeue();
                Level += put.Amount;
                put.Trigger(null, null);
                progress = true;
            }
        } while (progress);
    }

    private void CheckAmount(double amount)
    {
        if (!(amount > 0 && amount <= Capacity))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"must be positive and at most the capacity {Capacity}");
    }
}
