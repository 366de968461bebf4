using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim fpga</c>: end-to-end FPGA latency of request cases.</summary>
public static class FpgaCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var cases = new Option<string[]>("--case") { Description = "A case PREFILL:DECODE (repeatable; default: the seed's six cases).", AllowMultipleArgumentsPerToken = true };
        var outDir = new Option<string>("--out") { Description = "Output folder for the bucket CSVs (default .compiler_output).", DefaultValueFactory = _ => ".compiler_output" };
        var jobs = new Option<int>("--jobs") { Description = "Parallel simulations (default: one per core)." };
        var cmd = new Command("fpga",
            "Simulate every IR bucket the cases need (prefill padded to 128, each decode step to its 16-aligned " +
            "context) and print prefill, decode, total and decode tokens/s per case.\n\nExamples:\n" +
            "  vhksim fpga --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim fpga --case 128:512 --case 1024:1024 --config configs/vhk158.yaml");
        workload.AddTo(cmd);
        cmd.Options.Add(cases);
        cmd.Options.Add(outDir);
        cmd.Options.Add(jobs);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var config = workload.LoadConfig(r);
            var source = workload.Source(r, config);
            var list = r.GetValue(cases) is { Length: > 0 } given ? given.Select(FpgaCase.Parse).ToList() : FpgaCase.Standard.ToList();
            var runner = new FpgaCaseRunner(new BucketRunner(new FpgaProfiler(config), source, r.GetValue(outDir)), config.MaxLen);
            var sw = Stopwatch.StartNew();
            var results = runner.Run(list, r.GetValue(jobs));
            Console.Out.WriteLine($"{"Case (P:D)",-12} {"Prefill (ms)",12} {"Decode (ms)",12} {"Total (ms)",12} {"token/s",9}");
            foreach (var c in results)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Prefill + ":" + c.Decode,-12} {c.PrefillMs,12:F1} {c.DecodeMs,12:F1} {c.TotalMs,12:F1} {c.TokensPerSecond,9:F1}"));
            Console.Error.WriteLine($"simulated {runner.BucketsFor(list).Count} buckets in {sw.Elapsed.TotalSeconds:F2} s");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
