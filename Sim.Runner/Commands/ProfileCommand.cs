using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Workloads.Ir;
using Sim.Core.IO;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim profile</c>: simulate one IR bucket and write its profiler CSV.</summary>
public static class ProfileCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions();
        var bucketOptions = new BucketOptions();
        var trace = new Option<string?>("--trace") { Description = "Also write every instruction's unit, start, end, group and layer to this CSV file (large for prefill); always simulates." };
        var cmd = new Command("profile",
            "Compile one IR bucket into VHK158 instructions, simulate it and print and write the profiler CSV " +
            "(the FlightLLM artifact's format).\n\nExamples:\n" +
            "  vhksim profile --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 512\n" +
            "  vhksim profile --stage prefill --tokens 256 --config configs/vhk158.yaml --out out --trace out/trace.csv\n" +
            "  vhksim profile --stage decode --tokens 2048 --no-cache");
        simulation.AddTo(cmd);
        bucketOptions.AddTo(cmd);
        cmd.Options.Add(trace);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var pipeline = simulation.Build(r);
            var bucket = bucketOptions.Read(r);
            var tracePath = r.GetValue(trace);
            BucketDone done;
            if (tracePath is null) done = pipeline.Profile(bucket);
            else
            {
                ProfileResult? traced = null;
                AtomicFile.Write(tracePath, stream =>
                {
                    using var observer = new CsvInstructionTrace(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16));
                    traced = pipeline.Simulate(bucket, observer);
                });
                done = new BucketDone(bucket, traced!, Cached: false);
            }
            // Print the result this process holds, never a file another process may have replaced since.
            Console.Out.Write(ProfilerCsv.Format(done.Result));
            var csvPath = pipeline.ExportPath(bucket);
            Console.Error.WriteLine(done.Cached ? $"reused the cached result of these inputs; wrote {csvPath}" : $"simulated; wrote {csvPath}");
            if (tracePath is not null) Console.Error.WriteLine($"wrote {tracePath}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
