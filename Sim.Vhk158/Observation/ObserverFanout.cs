using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Observation;

/// <summary>Passes every call to several observers, in order (the machine sees one).</summary>
public sealed class ObserverFanout : IRunObserver
{
    private readonly IRunObserver[] _observers;

    private ObserverFanout(IRunObserver[] observers) => _observers = observers;

    /// <summary>One observer for all the non-null ones given (the observer itself when only one is).</summary>
    public static IRunObserver Of(params IRunObserver?[] observers)
    {
        var present = observers.OfType<IRunObserver>().ToArray();
        return present.Length == 1 ? present[0] : new ObserverFanout(present);
    }

    public void Start(MachineLayout layout) { foreach (var o in _observers) o.Start(layout); }
    public void BeginGroup(LayerGroup group) { foreach (var o in _observers) o.BeginGroup(group); }

    public void Executed(int unit, in Instruction instruction, double start, double duration, int group)
    {
        foreach (var o in _observers) o.Executed(unit, instruction, start, duration, group);
    }

    public bool WatchesResources => _observers.Any(o => o.WatchesResources);

    public void Watch(WatchedResource resource)
    {
        foreach (var o in _observers) if (o.WatchesResources) o.Watch(resource);
    }

    public void Counted(int unit, long amount) { foreach (var o in _observers) o.Counted(unit, amount); }
    public void Finish(double totalMs) { foreach (var o in _observers) o.Finish(totalMs); }
}
