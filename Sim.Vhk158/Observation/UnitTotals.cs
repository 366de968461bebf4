using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Observation;

/// <summary>
/// Instruction counts and busy time per unit, summed in each unit's execution order (the
/// reference's order, so the last bits of the sums agree with the artifact's profiler).
/// </summary>
public sealed class UnitTotals : RunObserver
{
    private long[] _count = [];
    private double[] _busy = [];

    public MachineLayout? Layout { get; private set; }

    public override void Start(MachineLayout layout)
    {
        Layout = layout;
        _count = new long[layout.Units.Count];
        _busy = new double[layout.Units.Count];
    }

    public override void Executed(int unit, in Instruction instruction, double start, double duration, int group)
    {
        _count[unit]++;
        _busy[unit] += duration;
    }

    /// <summary>A counter unit's amount is its count (and it is never busy).</summary>
    public override void Counted(int unit, long amount) => _count[unit] = amount;

    public long Count(int unit) => _count[unit];
    public double Busy(int unit) => _busy[unit];
}
