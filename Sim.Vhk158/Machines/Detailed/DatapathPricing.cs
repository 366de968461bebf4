using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Compute durations from datapath sizes: MACs per cycle of the MPE in MM or MV mode, the SFU's
/// elements per cycle (two passes for softmax and (RMS)LayerNorm), one cycle per SYS, at the
/// config's clock. With the artifact's datapath and a correction factor of 3.2 these are the
/// reference machine's prices to the last bit (the degenerate-equivalence test checks it).
/// </summary>
public sealed class DatapathPricing
{
    private readonly ArtifactFormulas _formulas;
    private readonly double _clockMs, _mmMacs, _mvMacs, _sfuScale, _correction, _sfuLanes;

    public DatapathPricing(HardwareConfig config, DetailedOptions options)
    {
        _formulas = new ArtifactFormulas(config);
        _clockMs = config.ClockTimeMs;
        _mmMacs = options.MmMacsPerCycle > 0 ? options.MmMacsPerCycle : config.MmParallelTotal;
        _mvMacs = options.MvMacsPerCycle > 0 ? options.MvMacsPerCycle : config.MvParallelTotal;
        _sfuScale = options.SfuScale;
        _sfuLanes = config.EltwiseParallelK * options.SfuScale;
        _correction = options.CorrectionFactor;
        ModeSwitchMs = options.ModeSwitchCycles * _clockMs / _correction;
    }

    /// <summary>The time the MPE loses switching between MM and MV (ms).</summary>
    public double ModeSwitchMs { get; }

    /// <summary>One clock cycle (ms), after the correction factor.</summary>
    public double CycleMs => 1 * _clockMs / _correction;

    /// <summary>
    /// The datapath slots an engine instruction of <paramref name="busyMs"/> occupied: MACs for MM
    /// and MV (cycles × MACs per cycle), elements for MISC (cycles × SFU lanes). Energy per MAC or
    /// per element is paid on these.
    /// </summary>
    public double Slots(in Instruction i, double busyMs)
    {
        double cycles = busyMs / CycleMs;
        return i.Module switch
        {
            Module.MM => cycles * _mmMacs,
            Module.MV => cycles * _mvMacs,
            Module.MISC => cycles * _sfuLanes,
            _ => 0,
        };
    }

    /// <summary>The duration of an MM, MV, MISC or SYS instruction on one core doing <paramref name="share"/> of it (ms).</summary>
    public double Duration(in Instruction i, double share) => i.Module switch
    {
        Module.MM => _formulas.Matrix(i, _mmMacs) * share / _correction,
        Module.MV => _formulas.Matrix(i, _mvMacs) * share / _correction,
        Module.MISC => _formulas.MiscCycles(i) / _sfuScale * _clockMs * share / _correction,
        Module.SYS => 1 * _clockMs / _correction,
        _ => throw new ArgumentException($"{i.Module} moves data; the memory port prices it", nameof(i)),
    };
}
