namespace Sim.Vhk158.Isa;

/// <summary>The SFU operations, with the ISA's operation_flag values (spec §3.1).</summary>
public enum MiscOp : byte { EltwiseAdd = 0, EltwiseMul = 1, Softmax = 2, Layernorm = 3, RmsLayernorm = 4, Silu = 5 }
