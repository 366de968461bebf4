using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// The FlightLLM profiler's analytic model (spec §4.1): the <see cref="ArtifactFormulas"/> with
/// the artifact's datapath, one cycle per SYS, all divided by the profiler's correction factor
/// (3.2 in the artifact).
/// </summary>
public sealed class ReferencePricing
{
    private readonly HardwareConfig _c;
    private readonly ArtifactFormulas _formulas;
    private readonly double _clockMs, _correction;

    public ReferencePricing(HardwareConfig config, double correctionFactor = ReferenceMachineFactory.ArtifactCorrectionFactor)
    {
        _c = config;
        _formulas = new ArtifactFormulas(config);
        _clockMs = config.ClockTimeMs;
        _correction = correctionFactor;
    }

    /// <summary>The instruction's duration in ms.</summary>
    public double Duration(in Instruction i) => Raw(i) / _correction;

    private double Raw(in Instruction i) => i.Module switch
    {
        Module.LD => _formulas.Load(i),
        Module.ST => _formulas.Store(i),
        Module.MM => _formulas.Matrix(i, _c.MmParallelTotal),
        Module.MV => _formulas.Matrix(i, _c.MvParallelTotal),
        Module.MISC => _formulas.MiscCycles(i) * _clockMs,
        _ => 1 * _clockMs,
    };
}
