using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines;
using Sim.Workloads.Sources;
using Sim.Workloads.Ir;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim bench</c>: how fast the FPGA simulation runs from scratch (IR generation or parsing,
/// compilation, simulation), in wall time, events per second and peak memory. Not a test.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions();
        var set = new Option<string>("--set") { Description = "standard: the 122 buckets of the six seed cases; all: every bucket up to MAX_LEN (144 for LLaMA2-7B).", DefaultValueFactory = _ => "standard" };
        set.AcceptOnlyFromAmong("standard", "all");
        var bucket = new Option<string?>("--bucket") { Description = "Run one bucket STAGE:L alone (e.g. prefill:2048), to measure its peak memory." };
        var jobs = JobsOption.Create();
        var noLoop = new Option<bool>("--no-loop") { Description = "Skip the tight-loop baseline (it runs after the measured run, on one thread)." };
        var against = new Option<string?>("--against")
        {
            Description = "A second config FILE to race --config against: the same buckets on both, side by side in this process, " +
                          "bucket by bucket on one thread, alternating which goes first; prints each one's time, events and events/s and their ratio " +
                          "(--jobs and the tight loop do not apply).",
        };
        var versus = new Option<string?>("--versus") { Description = "Another vhksim binary (e.g. an older commit, published elsewhere): run the same bench with it and with this build as fresh processes, interleaved, and print the medians side by side." };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of --versus (each runs both builds once; default 3).", DefaultValueFactory = _ => 3 };
        var cmd = new Command("bench",
            "Benchmark the FPGA simulation from scratch and report wall time, buckets, instructions, events per second " +
            "and peak memory.\n\nExamples:\n" +
            "  vhksim bench                      # the six standard cases, generated IR\n" +
            "  vhksim bench --ir-dir ../shared/flightllm-reference/ir_output --set all\n" +
            "  vhksim bench --bucket prefill:2048 --jobs 1\n" +
            "  vhksim bench --config configs/vhk158-detailed.yaml --against configs/vhk158.yaml   # detailed vs reference machine\n" +
            "  vhksim bench --versus ../old/vhksim --rounds 5   # an older build against this one, side by side");
        simulation.Workload.AddTo(cmd);
        cmd.Options.Add(set);
        cmd.Options.Add(bucket);
        bucket.Validators.Add(BucketSpec.Validate);
        cmd.Options.Add(jobs);
        cmd.Options.Add(noLoop);
        cmd.Options.Add(against);
        cmd.Options.Add(versus);
        cmd.Options.Add(rounds);
        rounds.Validators.Add(v =>
        {
            if (v.GetValueOrDefault<int>() < 1) v.AddError("--rounds must be at least 1");
        });
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            if (r.GetValue(versus) is { } other)
            {
                var args = BenchVersus.PassThrough(r.Tokens.Select(t => t.Value));
                if (args.Count > 0 && args[0] == "bench") args.RemoveAt(0);
                return BenchVersus.Run(other, r.GetValue(rounds), args, Console.Out);
            }
            var sw = Stopwatch.StartNew();
            var config = simulation.LoadConfig(r);
            // From scratch: no cache is read or filled, nothing is written.
            var runner = new SimulationPipeline(config, simulation.Workload.Source(r, config), cache: null);
            List<Bucket> buckets;
            if (r.GetValue(bucket) is { } one)
            {
                buckets = [BucketSpec.Parse(one)];
            }
            else if (r.GetValue(set) == "all")
            {
                buckets = [.. IrGenerator.Buckets(Stage.Prefill, config.MaxLen).Select(l => new Bucket(Stage.Prefill, l)),
                           .. IrGenerator.Buckets(Stage.Decode, config.MaxLen).Select(l => new Bucket(Stage.Decode, l))];
            }
            else
            {
                buckets = [.. runner.BucketsFor(FpgaCase.Standard)];
            }
            if (r.GetValue(against) is { } otherPath)
                return SideBySide(simulation.Workload.LoadConfig(r), r.GetValue(simulation.Workload.Config)!, otherPath, buckets, c => simulation.Workload.Source(r, c));
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var results = runner.Run(buckets, r.GetValue(jobs));
            double seconds = sw.Elapsed.TotalSeconds;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            long instructions = results.Values.Sum(x => x.TotalCount), events = results.Values.Sum(x => x.Events);
            using var self = Process.GetCurrentProcess();
            double cpu = self.TotalProcessorTime.TotalSeconds;
            long peak = self.PeakWorkingSet64;
            var groups = runner.Profiler.Groups;
            var o = Console.Out;
            void Line(FormattableString s) => o.WriteLine(FormattableString.Invariant(s));
            Line($"buckets        {results.Count}");
            Line($"instructions   {instructions:N0}");
            Line($"events         {events:N0}");
            Line($"wall time      {seconds:F2} s ({Environment.ProcessorCount} cores, {(r.GetValue(jobs) > 0 ? r.GetValue(jobs) : Environment.ProcessorCount)} jobs; process start-up excluded)");
            Line($"cpu time       {cpu:F2} s (process so far, start-up included)");
            Line($"events/s       {events / seconds / 1e6:F2} M (all cores)");
            Line($"instructions/s {instructions / seconds / 1e6:F2} M");
            Line($"allocated      {allocated / 1e6:F0} MB (GC.GetTotalAllocatedBytes over the run)");
            Line($"peak memory    {peak / (1024.0 * 1024):F0} MiB (working set)");
            Line($"group cache    {groups.Hits:N0} groups shared, {groups.Misses:N0} compiled, {groups.Held:N0} instructions held");
            if (!r.GetValue(noLoop))
            {
                if (LoopBaseline.Measure(runner, buckets, results) is not { } b)
                {
                    Line($"tight loop     n/a (the loop models only the reference machine)");
                }
                else
                {
                    double loopOnly = b.LoopSeconds - b.CompileSeconds, desOnly = b.DesSeconds - b.CompileSeconds;
                    Line($"tight loop     one thread, {b.Buckets} buckets, cpu time: compile {b.CompileSeconds:F3} s, compile+loop {b.LoopSeconds:F3} s, compile+DES {b.DesSeconds:F3} s");
                    Line($"  loop         {b.LoopPerInstruction * 1e9:F1} ns/instruction ({b.Instructions / Math.Max(loopOnly, 1e-9) / 1e6:F0} M instructions/s)");
                    Line($"  DES          {b.DesPerInstruction * 1e9:F1} ns/instruction = {b.DesPerInstruction / b.LoopPerInstruction:F1}x the loop");
                    Line($"  compile+DES  {b.DesSeconds / b.LoopSeconds:F1}x compile+loop; this run's cpu time {cpu / b.LoopSeconds:F1}x compile+loop");
                    Line($"  totals       {(b.BitEqual ? "bit-equal to the DES in every bucket" : "DIFFER from the DES")}");
                    if (!b.BitEqual)
                    {
                        Console.Error.WriteLine("error: the tight loop's totals differ from the DES's");
                        return ErrorBoundary.InternalError;
                    }
                }
            }
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    /// <summary><c>--against</c>: the buckets on two configs side by side, and how their speeds compare.</summary>
    private static int SideBySide(HardwareConfig configA, string pathA, string pathB, IReadOnlyList<Bucket> buckets, Func<HardwareConfig, IWorkloadSource> source)
    {
        var configB = HardwareConfigLoader.Load(pathB);
        SimulationPipeline A() => new(configA, source(configA), cache: null);
        SimulationPipeline B() => new(configB, source(configB), cache: null);
        int runs = 0;
        var (sideA, sideB) = SideBySideBench.Run(A, B, buckets, (_, bucket, _) =>
        {
            if (++runs % 2 == 0) Console.Error.WriteLine(FormattableString.Invariant($"[{runs / 2}/{buckets.Count}] {bucket} done on both"));
        });
        using var self = Process.GetCurrentProcess();
        var o = Console.Out;
        void Line(FormattableString s) => o.WriteLine(FormattableString.Invariant(s));
        Line($"side by side   {buckets.Count} buckets on each config, one thread, bucket by bucket, alternating which config goes first");
        Line($"{"",-2} {"config",-36} {"machine",-10} {"wall s",8} {"cpu s",8} {"instructions",14} {"events",14} {"events/s",9} {"sim ms",12}");
        foreach (var (tag, path, config, side) in new[] { ("A", pathA, configA, sideA), ("B", pathB, configB, sideB) })
            Line($"{tag,-2} {path,-36} {MachineModels.Create(config).Name,-10} {side.WallSeconds,8:F2} {side.CpuSeconds,8:F2} {side.Instructions,14:N0} {side.Events,14:N0} {side.EventsPerSecond / 1e6,7:F2} M {side.TotalMs,12:F1}");
        Line($"ratio A/B      wall {sideA.WallSeconds / sideB.WallSeconds:F2}x, cpu {sideA.CpuSeconds / sideB.CpuSeconds:F2}x, events {(double)sideA.Events / sideB.Events:F2}x");
        Line($"peak memory    {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB (working set of the process, both configs; --bucket STAGE:L --jobs 1 without --against for one config's)");
        return ErrorBoundary.Ok;
    }
}
