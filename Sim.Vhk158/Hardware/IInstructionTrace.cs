using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Hardware;

/// <summary>
/// Receives every executed instruction (module, start, end in ms, group index) for timelines.
/// Optional: the machine makes no call at all when none is attached.
/// </summary>
public interface IInstructionTrace
{
    /// <summary>A group enters the machine (before any of its instructions is recorded).</summary>
    void BeginGroup(LayerGroup group);

    void Record(Module module, double start, double end, int group);
}
