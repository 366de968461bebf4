using Sim.Core.Engine;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Compiles one IR program and runs it on the machine model the config selects, on a fresh
/// simulation: the artifact's profiler, event by event, for whichever machine.
/// </summary>
public sealed class FpgaProfiler
{
    /// <param name="groups">compiled groups shared between the programs this profiler runs (a fresh cache when null)</param>
    public FpgaProfiler(HardwareConfig config, CompiledGroupCache? groups = null)
    {
        Config = config;
        Machine = MachineModels.Create(config);
        Groups = groups ?? new CompiledGroupCache();
        _configKey = new Lazy<string>(() => CompiledGroupCache.ConfigKey(config), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    // The config's part of every group key: hashed once, not once per bucket.
    private readonly Lazy<string> _configKey;

    public HardwareConfig Config { get; }

    /// <summary>The machine model the config selects.</summary>
    public IMachineModel Machine { get; }

    /// <summary>Groups compiled once and shared by every program this profiler compiles.</summary>
    public CompiledGroupCache Groups { get; }

    /// <summary>
    /// Whether <see cref="Run"/> compiles on a second thread while the machine runs
    /// (<see cref="CompileAhead"/>): worth it when a core would otherwise idle, as for one bucket
    /// alone; not when every core already runs a bucket.
    /// </summary>
    public bool CompilesAhead { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>A compiler for one IR file that shares groups through <see cref="Groups"/>.</summary>
    public ProgramCompiler Compiler(MaskSet? masks, string source) => new(Config, masks, source, Groups, _configKey);

    /// <param name="program">the IR</param>
    /// <param name="masks">the attention masks (needed by prefill attention)</param>
    /// <param name="source">the IR's file name, for error messages</param>
    /// <param name="observer">optional: traces, timelines, resource reports</param>
    /// <param name="progress">optional: the share of the program simulated so far (<see cref="LayerProgress"/>), then 1</param>
    public ProfileResult Profile(IrProgram program, MaskSet? masks, string source, IRunObserver? observer = null, IProgress<double>? progress = null)
    {
        var groups = Compiler(masks, source).Compile(program);
        if (progress is null) return Run(groups, source, observer);
        // Reported as groups are taken: by the compile-ahead thread, at most CompileAhead.Depth groups before the machine.
        var result = Run(LayerProgress.Reporting(groups, program.Layers.Count, progress), source, observer);
        progress.Report(1);
        return result;
    }

    /// <summary>Runs a compiled program on a fresh machine of the model and returns its profile.</summary>
    public ProfileResult Run(IEnumerable<CompiledGroup> program, string source, IRunObserver? observer = null)
    {
        using var ahead = CompilesAhead ? new CompileAhead(Prepared(program)) : null;
        var sim = new Simulation();
        var totals = new UnitTotals();
        var all = ObserverFanout.Of(totals, observer);
        var machine = Machine.Build(sim, ahead ?? program, all);
        sim.Run();
        double total = machine.Complete(source);
        all.Finish(total);
        return ProfileResult.From(totals, total, sim.ProcessedEventCount);
    }

    /// <summary>The groups with the machine's own preparation done as they are compiled (on the compiling thread).</summary>
    private IEnumerable<CompiledGroup> Prepared(IEnumerable<CompiledGroup> program)
    {
        foreach (var group in program)
        {
            Machine.Prepare(group);
            yield return group;
        }
    }
}
