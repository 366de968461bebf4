using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>An instruction in a core's module queue, with its group; a null instruction ends the program.</summary>
internal readonly record struct QueuedInstruction(Instruction Instruction, int Group, bool End = false);
