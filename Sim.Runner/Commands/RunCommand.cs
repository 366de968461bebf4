using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;

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
        var caseOptions = new CaseOptions();
        var cmd = new Command("run",
            "The standard comparison: simulate the VHK158 for each case and print the seed's table " +
            "(GPU-naive, GPU-opt, VHK158 FPGA).\n\nExamples:\n" +
            "  vhksim run\n" +
            "  vhksim run --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim run --case 256:256 --config configs/vhk158.yaml");
        workload.AddTo(cmd);
        caseOptions.AddTo(cmd);
        var plots = new Option<bool>("--plots") { Description = "Also write the comparison as a bar chart (PNG + SVG) to OUT/plots/ (default .compiler_output/plots/)." };
        cmd.Options.Add(plots);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            Console.Error.WriteLine("Profiling for llama2-7B on VHK158 FPGA");
            var (cases, results, _) = caseOptions.Run(r, workload);
            var rows = cases.Select((c, i) => (c, (IReadOnlyList<HardwareColumn>)
                [new HardwareColumn("GPU-naive", null), new HardwareColumn("GPU-opt", null), new HardwareColumn("VHK158 FPGA", results[i])])).ToList();
            Console.Out.Write(ComparisonTable.Format("llama2-7B", rows));
            Console.Out.WriteLine("GPU-naive, GPU-opt: n/a (no GPU results merged yet); VHK158 FPGA: simulated by VhkSim.");
            if (r.GetValue(plots)) foreach (var f in Plots.ComparisonChart.Write(Path.Combine(r.GetValue(caseOptions.OutDir)!, "plots"), "llama2-7B", rows)) Console.Error.WriteLine($"wrote {f}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
