using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim run</c>: the main job — the standard comparison table in the seed's format. The
/// VHK158 column is simulated; GPU columns print n/a until GPU results are merged.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var cases = new Option<string[]>("--case") { Description = "A case PREFILL:DECODE (repeatable; default: the seed's six cases).", AllowMultipleArgumentsPerToken = true };
        var outDir = new Option<string>("--out") { Description = "Output folder for the bucket CSVs (default .compiler_output).", DefaultValueFactory = _ => ".compiler_output" };
        var jobs = new Option<int>("--jobs") { Description = "Parallel simulations (default: one per core)." };
        var cmd = new Command("run",
            "The standard comparison: simulate the VHK158 for each case and print the seed's table " +
            "(GPU-naive, GPU-opt, VHK158 FPGA).\n\nExamples:\n" +
            "  vhksim run\n" +
            "  vhksim run --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim run --case 256:256 --config configs/vhk158.yaml");
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
            Console.Error.WriteLine($"Profiling for llama2-7B on VHK158 FPGA ({runner.BucketsFor(list).Count} buckets)");
            var results = runner.Run(list, r.GetValue(jobs));
            var rows = list.Select((c, i) => (c, (IReadOnlyList<HardwareColumn>)
                [new HardwareColumn("GPU-naive", null), new HardwareColumn("GPU-opt", null), new HardwareColumn("VHK158 FPGA", results[i])])).ToList();
            Console.Out.Write(ComparisonTable.Format("llama2-7B", rows));
            Console.Out.WriteLine("GPU-naive, GPU-opt: n/a (no GPU results merged yet); VHK158 FPGA: simulated by VhkSim.");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
