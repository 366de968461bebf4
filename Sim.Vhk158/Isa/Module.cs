namespace Sim.Vhk158.Isa;

/// <summary>
/// The six instruction queues of the VHK158, in the reference's order. The order matters: the
/// reference breaks scheduling ties by it and prints the CSV rows in it (spec §4.2, §4.5).
/// </summary>
public enum Module : byte { LD = 0, ST = 1, MM = 2, MV = 3, MISC = 4, SYS = 5 }

/// <summary>A set of modules as a bit mask (bit m = module m): wait and release lists.</summary>
public readonly record struct ModuleSet(byte Bits)
{
    public const int Count = 6;
    public static readonly ModuleSet None = new(0);
    public static ModuleSet Of(Module m) => new((byte)(1 << (int)m));
    public static ModuleSet operator |(ModuleSet a, ModuleSet b) => new((byte)(a.Bits | b.Bits));
    public static ModuleSet operator |(ModuleSet a, Module m) => a | Of(m);
    public bool Contains(Module m) => (Bits & (1 << (int)m)) != 0;
    public bool IsEmpty => Bits == 0;
    public ModuleSet With(Module m, bool when = true) => when ? this | m : this;

    public override string ToString()
    {
        var names = new List<string>();
        for (int m = 0; m < Count; m++) if ((Bits & (1 << m)) != 0) names.Add(((Module)m).ToString());
        return "[" + string.Join(",", names) + "]";
    }
}
