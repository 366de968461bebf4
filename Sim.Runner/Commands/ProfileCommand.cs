using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Workloads.Ir;
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
        var trace = new Option<string?>("--trace") { Description = "Also write every instruction's module, start, end, group and layer to this CSV file (large for prefill); always simulates." };
        var noCache = new Option<bool>("--no-cache") { Description = "Simulate even when the CSV in OUT/profiler_output is still valid for these inputs." };
        var cmd = new Command("profile",
            "Compile one IR bucket into VHK158 instructions, simulate it and print and write the profiler CSV " +
            "(the FlightLLM artifact's format).\n\nExamples:\n" +
            "  vhksim profile --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 512\n" +
            "  vhksim profile --stage prefill --tokens 256 --config configs/vhk158.yaml --out out --trace out/trace.csv\n" +
            "  vhksim profile --stage decode --tokens 2048 --no-cache");
        workload.AddTo(cmd);
        bucketOptions.AddTo(cmd);
        cmd.Options.Add(outDir);
        cmd.Options.Add(trace);
        cmd.Options.Add(noCache);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var config = workload.LoadConfig(r);
            var source = workload.Source(r, config);
            var bucket = bucketOptions.Read(r);
            var runner = new BucketRunner(new FpgaProfiler(config), source, r.GetValue(outDir)) { ReuseCache = !r.GetValue(noCache) };
            var tracePath = r.GetValue(trace);
            bool cached = false;
            if (tracePath is null) cached = runner.RunOne(bucket).Cached;
            else runner.RunTraced(bucket, tracePath);
            // The file is what run.py reads; print it as written (a cached CSV is not reformatted).
            var csvPath = BucketRunner.CsvPath(r.GetValue(outDir)!, source.Prefix, bucket);
            Console.Out.Write(File.ReadAllText(csvPath));
            Console.Error.WriteLine(cached ? $"reused {csvPath} (its cache key matches these inputs)" : $"wrote {csvPath}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
