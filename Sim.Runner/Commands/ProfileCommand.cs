using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Ir;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim profile</c>: simulate one IR bucket and write its profiler CSV.</summary>
public static class ProfileCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var bucketOptions = new BucketOptions();
        var outDir = new Option<string>("--out") { Description = "Output folder; the CSV goes to OUT/profiler_output/ (default .compiler_output).", DefaultValueFactory = _ => ".compiler_output" };
        var trace = new Option<string?>("--trace") { Description = "Also write every instruction's module, start, end, group and layer to this CSV file (large for prefill)." };
        var cmd = new Command("profile",
            "Compile one IR bucket into VHK158 instructions, simulate it and print and write the profiler CSV " +
            "(the FlightLLM artifact's format).\n\nExamples:\n" +
            "  vhksim profile --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 512\n" +
            "  vhksim profile --stage prefill --tokens 256 --config configs/vhk158.yaml --out out --trace out/trace.csv");
        workload.AddTo(cmd);
        bucketOptions.AddTo(cmd);
        cmd.Options.Add(outDir);
        cmd.Options.Add(trace);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var config = workload.LoadConfig(r);
            var source = workload.Source(r, config);
            var bucket = bucketOptions.Read(r);
            var runner = new BucketRunner(new FpgaProfiler(config), source, r.GetValue(outDir));
            var tracePath = r.GetValue(trace);
            var result = tracePath is null ? runner.Run([bucket])[bucket] : runner.RunTraced(bucket, tracePath);
            Console.Out.Write(ProfilerCsv.Format(result));
            Console.Error.WriteLine($"wrote {BucketRunner.CsvPath(r.GetValue(outDir)!, source.Prefix, bucket)}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
