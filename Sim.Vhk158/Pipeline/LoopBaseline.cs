using System.Diagnostics;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Machines.Reference;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// How far the simulation is from what the machine could do: the same buckets, on one thread,
/// compiled only; compiled and scheduled by <see cref="ReferenceTightLoop"/>; compiled and run on
/// the DES. Each pass has its own fresh group cache so all three compile alike; IR is loaded
/// before the clocks start. Times are the process's CPU seconds, not wall time: on one thread
/// they are the pass's own work, and other load on the machine does not inflate them. A
/// benchmark, not a test.
/// </summary>
public sealed record LoopBaseline(int Buckets, long Instructions, double CompileSeconds, double LoopSeconds, double DesSeconds, bool BitEqual)
{
    /// <summary>Seconds per instruction of the tight loop's schedule alone (compile time taken out).</summary>
    public double LoopPerInstruction => Math.Max(LoopSeconds - CompileSeconds, 1e-9) / Instructions;

    /// <summary>Seconds per instruction of the DES alone (compile time taken out).</summary>
    public double DesPerInstruction => Math.Max(DesSeconds - CompileSeconds, 1e-9) / Instructions;

    /// <summary>
    /// Runs the three passes, or returns null when the config's machine is not the reference
    /// machine (the loop models only that one). <paramref name="des"/> holds the results of the
    /// benchmarked run, whose totals the loop must reproduce bit for bit.
    /// </summary>
    public static LoopBaseline? Measure(SimulationPipeline pipeline, IReadOnlyList<Bucket> buckets, IReadOnlyDictionary<Bucket, ProfileResult> des)
    {
        if (pipeline.Profiler.Machine is not ReferenceMachineModel reference) return null;
        var programs = buckets.Select(b => (Bucket: b, Program: pipeline.Source.Load(b.Stage, b.Tokens), Name: pipeline.Source.Describe(b.Stage, b.Tokens))).ToList();
        var masks = pipeline.Source.Masks;
        ProgramCompiler Compiler(CompiledGroupCache cache, string name) => new(pipeline.Config, masks, name, cache);

        using var self = Process.GetCurrentProcess();
        double Cpu()
        {
            self.Refresh();
            return self.TotalProcessorTime.TotalSeconds;
        }

        double mark = Cpu();
        var compileCache = new CompiledGroupCache();
        foreach (var (_, program, name) in programs)
            foreach (var group in Compiler(compileCache, name).Compile(program)) group.Instructions.Recycle();
        double compile = Cpu() - mark;

        mark = Cpu();
        var loopCache = new CompiledGroupCache();
        bool equal = true;
        long instructions = 0;
        foreach (var (bucket, program, name) in programs)
        {
            var (total, count) = ReferenceTightLoop.Run(Compiler(loopCache, name).Compile(program), reference.Pricing);
            instructions += count;
            equal &= BitConverter.DoubleToInt64Bits(total) == BitConverter.DoubleToInt64Bits(des[bucket].TotalMs);
        }
        double loop = Cpu() - mark;

        mark = Cpu();
        // One thread, like the other two passes.
        var desProfiler = new FpgaProfiler(pipeline.Config, new CompiledGroupCache()) { CompilesAhead = false };
        foreach (var (bucket, program, name) in programs)
        {
            var result = desProfiler.Run(desProfiler.Compiler(masks, name).Compile(program), name);
            equal &= BitConverter.DoubleToInt64Bits(result.TotalMs) == BitConverter.DoubleToInt64Bits(des[bucket].TotalMs);
        }
        double desSeconds = Cpu() - mark;
        return new LoopBaseline(programs.Count, instructions, compile, loop, desSeconds, equal);
    }
}
