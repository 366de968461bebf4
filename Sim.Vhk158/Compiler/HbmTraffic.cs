using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// The HBM bytes a compiled program moves: loads as stored (Length / BandwidthRatio: INT4 and
/// sparse weights move fewer bytes than the INT8 IR says; on-chip zero fills move none) and
/// stores. What a memory-bound decode step's time should follow.
/// </summary>
public readonly record struct HbmTraffic(double ReadBytes, double WrittenBytes)
{
    public static HbmTraffic Of(InstructionList list)
    {
        double read = 0, written = 0;
        foreach (ref readonly var i in list.Queue(Module.LD))
            if (!i.ZeroFill) read += i.Length / i.BandwidthRatio;
        foreach (ref readonly var i in list.Queue(Module.ST)) written += i.Length;
        return new HbmTraffic(read, written);
    }

    public static HbmTraffic operator +(HbmTraffic a, HbmTraffic b) => new(a.ReadBytes + b.ReadBytes, a.WrittenBytes + b.WrittenBytes);
}
