using Sim.Vhk158.Compiler;
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

    /// <summary>
    /// The durations of every instruction of <paramref name="list"/>, per module queue (indexed
    /// like <see cref="InstructionList.QueueArray"/>), computed once and kept with the list until
    /// it changes: the 32 layers of a prefill bucket and the decode buckets run the same shared
    /// groups, and a group compiled ahead is priced on the compiling thread, not the machine's.
    /// </summary>
    public double[][] Durations(InstructionList list)
    {
        if (list.DurationsFor(this) is { } known) return known;
        var reuse = list.ReusableDurations;
        var queues = new double[ModuleSet.Count][];
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            var queue = list.Queue((Module)m);
            // As long as the queue's buffer: a pooled list's next, larger group fits the same array.
            int capacity = list.QueueArray((Module)m).Length;
            var d = reuse is not null && reuse[m].Length >= capacity ? reuse[m] : new double[capacity];
            for (int k = 0; k < queue.Length; k++) d[k] = Duration(queue[k]);
            queues[m] = d;
        }
        list.KeepDurations(this, queues);
        return queues;
    }

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
