using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Runner.Infrastructure;
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
    // The artifact's own time for the six standard cases on one core (spec §5).
    private const double ReferenceStandardSeconds = 24 * 60;

    public static Command Create()
    {
        var simulation = new SimulationOptions();
        var set = new Option<string>("--set") { Description = "standard: the 122 buckets of the six seed cases; all: every bucket up to MAX_LEN (144 for LLaMA2-7B).", DefaultValueFactory = _ => "standard" };
        set.AcceptOnlyFromAmong("standard", "all");
        var bucket = new Option<string?>("--bucket") { Description = "Run one bucket STAGE:L alone (e.g. prefill:2048), to measure its peak memory." };
        var jobs = JobsOption.Create();
        var cmd = new Command("bench",
            "Benchmark the FPGA simulation from scratch and report wall time, buckets, instructions, events per second " +
            "and peak memory.\n\nExamples:\n" +
            "  vhksim bench                      # the six standard cases, generated IR\n" +
            "  vhksim bench --ir-dir ../shared/flightllm-reference/ir_output --set all\n" +
            "  vhksim bench --bucket prefill:2048 --jobs 1");
        simulation.Workload.AddTo(cmd);
        cmd.Options.Add(set);
        cmd.Options.Add(bucket);
        bucket.Validators.Add(BucketSpec.Validate);
        cmd.Options.Add(jobs);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
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
            var results = runner.Run(buckets, r.GetValue(jobs));
            double seconds = sw.Elapsed.TotalSeconds;
            long instructions = results.Values.Sum(x => x.TotalCount), events = results.Values.Sum(x => x.Events);
            using var self = Process.GetCurrentProcess();
            var o = Console.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"buckets        {results.Count}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instructions   {instructions:N0}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events         {events:N0}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time      {seconds:F2} s ({Environment.ProcessorCount} cores, {(r.GetValue(jobs) > 0 ? r.GetValue(jobs) : Environment.ProcessorCount)} jobs)"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events/s       {events / seconds / 1e6:F2} M (all cores, start-up included)"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instructions/s {instructions / seconds / 1e6:F2} M"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory    {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB (working set)"));
            if (r.GetValue(bucket) is null && r.GetValue(set) == "standard")
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vs artifact    {ReferenceStandardSeconds / seconds:F0}x faster (artifact: ~24 min for the six cases)"));
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
