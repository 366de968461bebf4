using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
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
        var trace = new Option<bool>("--trace") { Description = "Also write every instruction (unit, start, end, layer) to OUT/traces/PREFIX_STAGE_token_L.perfetto.json (opens in ui.perfetto.dev) or .csv; always simulates. Its size is estimated first." };
        var traceFormat = new Option<string>("--trace-format") { Description = "perfetto (Chrome trace-event JSON) or csv.", DefaultValueFactory = _ => "perfetto" };
        traceFormat.AcceptOnlyFromAmong("perfetto", "csv");
        var format = FormatOption.Create("the profile (csv: the artifact's profiler CSV, byte for byte, as written to OUT/profiler_output)", ResultTable.Csv);
        var traceLimit = new Option<double>("--trace-limit") { Description = "Largest trace in MB written without asking; a larger estimate stops before simulating (raise the limit to confirm).", DefaultValueFactory = _ => 200 };
        var cmd = new Command("profile",
            "Compile one IR bucket into VHK158 instructions, simulate it and print and write the profiler CSV " +
            "(the FlightLLM artifact's format).\n\nExamples:\n" +
            "  vhksim profile --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 512\n" +
            "  vhksim profile --stage prefill --tokens 256 --config configs/vhk158.yaml --out out --trace\n" +
            "  vhksim profile --stage prefill --tokens 2048 --trace --trace-format csv --trace-limit 2000\n" +
            "  vhksim profile --stage decode --tokens 2048 --no-cache\n" +
            "  vhksim profile --stage decode --tokens 512 --format table");
        simulation.AddTo(cmd);
        bucketOptions.AddTo(cmd);
        cmd.Options.Add(trace);
        cmd.Options.Add(traceFormat);
        cmd.Options.Add(traceLimit);
        cmd.Options.Add(format);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var pipeline = simulation.Build(r);
            var bucket = bucketOptions.Read(r);
            string? tracePath = null;
            BucketDone done;
            var item = bucket.ToString();
            if (!r.GetValue(trace))
                done = ProgressReporter.Run($"simulating {item}", 1, progress =>
                {
                    var d = pipeline.Profile(bucket, progress.Inside(item));
                    progress.Done(item, d.Cached);
                    return d;
                });
            else
            {
                var perfetto = r.GetValue(traceFormat) == "perfetto";
                var name = Path.GetFileNameWithoutExtension(IrProgram.FileName(bucket.Stage, bucket.Tokens, pipeline.Source.Prefix));
                tracePath = Path.Combine(simulation.OutDir(r, pipeline.Config), "traces", name + (perfetto ? ".perfetto.json" : ".csv"));
                var estimate = TraceEstimate.Of(pipeline, bucket, perfetto ? PerfettoInstructionTrace.BytesPerInstruction : CsvInstructionTrace.BytesPerInstruction);
                Console.Error.WriteLine(estimate.Describe(tracePath));
                estimate.Check(r.GetValue(traceLimit));
                Directory.CreateDirectory(Path.GetDirectoryName(tracePath)!);
                ProfileResult? traced = null;
                AtomicFile.Write(tracePath, stream => ProgressReporter.Run($"simulating {item} with a trace", 1, progress =>
                {
                    if (perfetto)
                    {
                        using var observer = new PerfettoInstructionTrace(stream, $"{bucket} ({pipeline.Config.MachineName})");
                        traced = pipeline.Simulate(bucket, observer, progress.Inside(item));
                    }
                    else
                    {
                        using var observer = new CsvInstructionTrace(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16));
                        traced = pipeline.Simulate(bucket, observer, progress.Inside(item));
                    }
                    progress.Done(item, cached: false);
                    return traced;
                }));
                done = new BucketDone(bucket, traced!, Cached: false);
            }
            // Print the result this process holds, never a file another process may have replaced since.
            var csv = ProfilerCsv.Format(done.Result);
            var f = r.GetValue(format)!;
            Console.Out.Write(f == ResultTable.Csv ? csv : ResultTable.FromCsv(csv).Write(f, !Console.IsOutputRedirected));
            var csvPath = pipeline.ExportPath(bucket);
            Console.Error.WriteLine(done.Cached ? $"reused the cached result of these inputs; wrote {csvPath}" : $"simulated; wrote {csvPath}");
            if (tracePath is not null) Console.Error.WriteLine($"wrote {tracePath}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
