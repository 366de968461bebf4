namespace Sim.Vhk158.Isa;

/// <summary>
/// One VHK158 instruction with the fields that timing and encoding need. A value type: a prefill
/// program has tens of millions of them, produced group by group and never all held at once.
/// </summary>
public struct Instruction
{
    // Fields are ordered widest first so the struct packs into 40 bytes (56 in declaration
    // order by meaning): prefill streams tens of millions of them through the module queues.

    /// <summary>LD: bandwidth multiplier, 2 / sparse_ratio for weight loads (INT4 weights), else 1.</summary>
    public double BandwidthRatio;
    public double SparseRatio;
    /// <summary>LD/ST: bytes moved (the 23-bit 1d_length field).</summary>
    public int Length;
    /// <summary>LD/ST: HBM channels used in parallel.</summary>
    public int Channels;
    /// <summary>MM/MV/MISC: reduction length in 16-element blocks.</summary>
    public int K;
    public Module Module;
    public ModuleSet Wait;
    public ModuleSet Release;
    /// <summary>LD/ST: the transfer crosses HBM channels (lower efficiency).</summary>
    public bool Cross;
    /// <summary>LD: the buffer is zero-filled on chip instead of read from HBM.</summary>
    public bool ZeroFill;
    public LoadTarget Target;
    public bool Sparse;
    public MiscOp Op;
    /// <summary>LD/ST: what is moved (not encoded; the detailed machine splits and places by it).</summary>
    public Operand Operand;

    public static Instruction Ld(int length, int channels, bool cross, LoadTarget target, double ratio = 1, bool zeroFill = false) =>
        new() { Module = Module.LD, Length = length, Channels = channels, Cross = cross, Target = target, BandwidthRatio = ratio, ZeroFill = zeroFill };

    public static Instruction St(int length, int channels, bool cross = false) =>
        new() { Module = Module.ST, Length = length, Channels = channels, Cross = cross };

    public static Instruction Mm(int k, bool sparse, double ratio) =>
        new() { Module = Module.MM, K = k, Sparse = sparse, SparseRatio = ratio };

    public static Instruction Mv(int k, bool sparse, double ratio) =>
        new() { Module = Module.MV, K = k, Sparse = sparse, SparseRatio = ratio };

    public static Instruction Misc(MiscOp op, int k) => new() { Module = Module.MISC, Op = op, K = k };

    public static Instruction Sys() => new() { Module = Module.SYS };

    public Instruction Waits(ModuleSet s) { Wait = s; return this; }
    public Instruction Moves(Operand o) { Operand = o; return this; }
    /// <summary>A weight LD: the share of the weights N:M pruning keeps (in <see cref="SparseRatio"/>).</summary>
    public Instruction Keeps(double density) { SparseRatio = density; return this; }
    public Instruction Releases(ModuleSet s) { Release = s; return this; }

    public override readonly string ToString() => Module switch
    {
        Module.LD => $"LD(len={Length}, pc={Channels}, cross={Cross}, ratio={BandwidthRatio}, zero={ZeroFill}) wait {Wait} release {Release}",
        Module.ST => $"ST(len={Length}, pc={Channels}, cross={Cross}) wait {Wait} release {Release}",
        Module.MM or Module.MV => $"{Module}(K={K}, sparse={Sparse}, r={SparseRatio}) wait {Wait} release {Release}",
        Module.MISC => $"MISC({Op}, K={K}) wait {Wait} release {Release}",
        _ => $"SYS wait {Wait} release {Release}",
    };
}
