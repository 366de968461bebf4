using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
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
        var format = FormatOption.Create("the measurements (a row per quantity: value, unit, note)");
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
        cmd.Options.Add(format);
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
                return BenchVersus.Run(other, r.GetValue(rounds), args, Console.Out, r.GetValue(format)!);
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
                return SideBySide(simulation.Workload.LoadConfig(r), r.GetValue(simulation.Workload.Config)!, otherPath, buckets, c => simulation.Workload.Source(r, c), r.GetValue(format)!);
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var results = runner.Run(buckets, r.GetValue(jobs));
            double seconds = sw.Elapsed.TotalSeconds;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            long instructions = results.Values.Sum(x => x.TotalCount), events = results.Values.Sum(x => x.Events);
            using var self = Process.GetCurrentProcess();
            double cpu = self.TotalProcessorTime.TotalSeconds;
            long peak = self.PeakWorkingSet64;
            var groups = runner.Profiler.Groups;
            var rows = new BenchRows();
            rows.Add("buckets", results.Count, "0", "", "");
            rows.Add("instructions", instructions, "0", "", "");
            rows.Add("events", events, "0", "", "");
            rows.Add("wall time", seconds, "F2", "s", $"{Environment.ProcessorCount} cores, {(r.GetValue(jobs) > 0 ? r.GetValue(jobs) : Environment.ProcessorCount)} jobs; process start-up excluded");
            rows.Add("cpu time", cpu, "F2", "s", "process so far, start-up included");
            rows.Add("events/s", events / seconds / 1e6, "F2", "M", "all cores");
            rows.Add("instructions/s", instructions / seconds / 1e6, "F2", "M", "");
            rows.Add("allocated", allocated / 1e6, "F0", "MB", "GC.GetTotalAllocatedBytes over the run");
            rows.Add("peak memory", peak / (1024.0 * 1024), "F0", "MiB", "working set");
            rows.Add("group cache", groups.Hits, "0", "groups shared", FormattableString.Invariant($"{groups.Misses} compiled, {groups.Held} instructions held"));
            bool differ = false;
            if (!r.GetValue(noLoop))
            {
                if (LoopBaseline.Measure(runner, buckets, results) is not { } b)
                {
                    rows.Add("tight loop", null, "", "", "n/a (the loop models only the reference machine)");
                }
                else
                {
                    double loopOnly = b.LoopSeconds - b.CompileSeconds;
                    rows.Add("compile", b.CompileSeconds, "F3", "s", FormattableString.Invariant($"cpu time on one thread, {b.Buckets} buckets"));
                    rows.Add("compile+loop", b.LoopSeconds, "F3", "s", "cpu time on one thread");
                    rows.Add("compile+DES", b.DesSeconds, "F3", "s", FormattableString.Invariant($"cpu time on one thread; {b.DesSeconds / b.LoopSeconds:F1}x compile+loop; this run's cpu time {cpu / b.LoopSeconds:F1}x compile+loop"));
                    rows.Add("loop", b.LoopPerInstruction * 1e9, "F1", "ns/instruction", FormattableString.Invariant($"{b.Instructions / Math.Max(loopOnly, 1e-9) / 1e6:F0} M instructions/s"));
                    rows.Add("DES", b.DesPerInstruction * 1e9, "F1", "ns/instruction", "");
                    rows.Add("DES/loop", b.DesPerInstruction / b.LoopPerInstruction, "F1", "x", "");
                    rows.Add("totals", null, "", "", b.BitEqual ? "loop bit-equal to the DES in every bucket" : "loop DIFFERS from the DES");
                    differ = !b.BitEqual;
                }
            }
            rows.Table.Print(r.GetValue(format)!);
            if (differ)
            {
                Console.Error.WriteLine("error: the tight loop's totals differ from the DES's");
                return ErrorBoundary.InternalError;
            }
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    /// <summary><c>--against</c>: the buckets on two configs side by side, and how their speeds compare.</summary>
    private static int SideBySide(HardwareConfig configA, string pathA, string pathB, IReadOnlyList<Bucket> buckets, Func<HardwareConfig, IWorkloadSource> source, string format)
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
        // The notes around the table go to stderr when stdout holds a machine format.
        var notes = format is ResultTable.Table or ResultTable.Markdown ? Console.Out : Console.Error;
        void Note(FormattableString s) => notes.WriteLine(FormattableString.Invariant(s));
        Note($"side by side   {buckets.Count} buckets on each config, one thread, bucket by bucket, alternating which config goes first");
        var c = CultureInfo.InvariantCulture;
        var rows = new[] { ("A", pathA, configA, sideA), ("B", pathB, configB, sideB) }.Select(x => (IReadOnlyList<string>)
        [
            x.Item1, x.Item2, MachineModels.Create(x.Item3).Name, x.Item4.WallSeconds.ToString("F2", c), x.Item4.CpuSeconds.ToString("F2", c),
            x.Item4.Instructions.ToString(c), x.Item4.Events.ToString(c), (x.Item4.EventsPerSecond / 1e6).ToString("F2", c), x.Item4.TotalMs.ToString("F1", c),
        ]).ToList();
        new ResultTable(["side", "config", "machine", "wall s", "cpu s", "instructions", "events", "M events/s", "sim ms"], rows)
        {
            Keys = ["side", "config", "machine", "wall_s", "cpu_s", "instructions", "events", "events_per_s_millions", "sim_ms"],
        }.Print(format);
        Note($"ratio A/B      wall {sideA.WallSeconds / sideB.WallSeconds:F2}x, cpu {sideA.CpuSeconds / sideB.CpuSeconds:F2}x, events {(double)sideA.Events / sideB.Events:F2}x");
        Note($"peak memory    {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB (working set of the process, both configs; --bucket STAGE:L --jobs 1 without --against for one config's)");
        return ErrorBoundary.Ok;
    }

    /// <summary>bench's measurements, a row per quantity: its value (rounded as given), unit and a note.</summary>
    private sealed class BenchRows
    {
        private readonly List<IReadOnlyList<string>> _rows = [];

        public void Add(string quantity, double? value, string format, string unit, string note) =>
            _rows.Add([quantity, value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "", unit, note]);

        public ResultTable Table => new(["quantity", "value", "unit", "note"], _rows);
    }
}
