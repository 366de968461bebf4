namespace Sim.Vhk158.Compiler;

/// <summary>A group's instructions, barrier included, ready to be fed to the hardware model.</summary>
public sealed record CompiledGroup(LayerGroup Group, InstructionList Instructions, bool IsLast);
