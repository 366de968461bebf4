using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Observation;

/// <summary>An observer that ignores everything; derive from it and override what you record.</summary>
public abstract class RunObserver : IRunObserver
{
    public virtual void Start(MachineLayout layout) { }
    public virtual void BeginGroup(LayerGroup group) { }
    public virtual void Executed(int unit, in Instruction instruction, double start, double duration, int group) { }
    public virtual bool WatchesResources => false;
    public virtual void Watch(WatchedResource resource) { }
    public virtual void Counted(int unit, long amount) { }
    public virtual void Finish(double totalMs) { }
}
