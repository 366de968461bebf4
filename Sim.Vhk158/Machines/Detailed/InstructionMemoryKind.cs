namespace Sim.Vhk158.Machines.Detailed;

/// <summary>Where the detailed machine's instruction streams live (<c>MACHINE.detailed.instruction_memory</c>), in the option's order.</summary>
public enum InstructionMemoryKind { Resident, Ddr, Hbm }
