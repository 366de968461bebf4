using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Timing;

/// <summary>Prices one instruction: its duration in ms. Picked by the config key TIMING_MODEL.</summary>
public interface ITimingModel
{
    string Name { get; }
    double Duration(in Instruction instruction);
}
