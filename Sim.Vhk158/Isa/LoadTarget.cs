namespace Sim.Vhk158.Isa;

/// <summary>The on-chip buffer an LD fills: the ISA's <c>mode</c> field (spec §3.1).</summary>
public enum LoadTarget : byte { BBuffer = 0, Meta = 1, Bias = 2, Fsb = 3, ABuffer = 4, GlobalBuffer = 5 }
