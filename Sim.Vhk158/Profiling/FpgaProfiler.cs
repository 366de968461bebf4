using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Hardware;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks;
using Sim.Vhk158.Timing;

namespace Sim.Vhk158.Profiling;

/// <summary>Compiles one IR program and simulates it on the VHK158 model: the artifact's profiler, event by event.</summary>
public sealed class FpgaProfiler
{
    private readonly HardwareConfig _config;
    private readonly ITimingModel _timing;

    public FpgaProfiler(HardwareConfig config)
    {
        _config = config;
        _timing = TimingModels.Create(config);
    }

    public HardwareConfig Config => _config;

    /// <param name="program">the IR</param>
    /// <param name="masks">the attention masks (needed by prefill attention)</param>
    /// <param name="source">the IR's file name, for error messages</param>
    /// <param name="trace">optional per-instruction recorder</param>
    public ProfileResult Profile(IrProgram program, MaskSet? masks, string source, IInstructionTrace? trace = null)
    {
        var compiler = new ProgramCompiler(_config, masks, source);
        return new Vhk158Machine(_timing).Run(compiler.Compile(program), source, trace);
    }
}
