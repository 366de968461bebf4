using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// What the machine moved and computed in a run, for energy models: HBM bytes read and written,
/// DDR bytes read (instruction fetch), on-chip activation bytes, MPE MAC slots (cycles × MACs
/// per cycle while the engine is busy) and SFU element slots. Each is a unit of the layout whose
/// count is the amount; the profiler CSV lists them before TOTAL as <c>count.NAME,AMOUNT,0,0</c>.
/// </summary>
internal sealed class ActivityCounters
{
    public const string Prefix = "count.";
    public const string Kind = UnitInfo.CounterKind;

    public enum Counter { HbmReadBytes, HbmWriteBytes, HbmWeightBytes, DdrReadBytes, OnChipBytes, MpeMacs, SfuElements }

    /// <summary>Counter names; hbm_weight_bytes is the part of hbm_read_bytes that is weights (with indices, scales, biases).</summary>
    public static readonly string[] Names = ["hbm_read_bytes", "hbm_write_bytes", "hbm_weight_bytes", "ddr_read_bytes", "onchip_bytes", "mpe_macs", "sfu_elements"];

    private readonly double[] _amounts = new double[Names.Length];
    private int _firstUnit = -1;

    /// <summary>The counters as units, listed from <paramref name="firstUnit"/> on.</summary>
    public IReadOnlyList<UnitInfo> Units(int firstUnit)
    {
        _firstUnit = firstUnit;
        return Names.Select(n => new UnitInfo(Prefix + n, Kind, -1, null)).ToArray();
    }

    public void Add(Counter counter, double amount) => _amounts[(int)counter] += amount;

    /// <summary>Hands the totals to <paramref name="observer"/> (once, at the end of the run).</summary>
    public void Report(IRunObserver observer)
    {
        if (_firstUnit < 0) return;
        for (int c = 0; c < _amounts.Length; c++) observer.Counted(_firstUnit + c, (long)Math.Round(_amounts[c]));
    }
}
