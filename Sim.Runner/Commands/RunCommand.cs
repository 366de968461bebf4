using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim run</c>: the main job — the standard comparison table in the seed's format. The
/// VHK158 column is simulated (bucket CSVs reused while their cache keys match); the GPU columns
/// come from GPU result files (<see cref="GpuOptions"/>), n/a where none has the case.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions();
        var workload = simulation.Workload;
        var caseOptions = new CaseOptions();
        var gpu = new GpuOptions();
        var format = new Option<string>("--format") { Description = "table (the seed's format), csv, json or markdown.", DefaultValueFactory = _ => ComparisonFormat.Table };
        format.AcceptOnlyFromAmong(ComparisonFormat.All);
        var cmd = new Command("run",
            "The standard comparison: simulate the VHK158 for each case and print the seed's table " +
            "(GPU-naive, GPU-opt, VHK158 FPGA). GPU columns come from GPU result files (OUT/gpu_output/*.csv, " +
            $"{GpuOptions.ResultsFolder}/*.csv or --gpu-results); a line under the table names each column's source. " +
            "Bucket CSVs in OUT/profiler_output are reused only while the config, IR, masks and simulator that made them are unchanged.\n\nExamples:\n" +
            "  vhksim run\n" +
            "  vhksim run --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim run --cases configs/cases.yaml --gpu-results results/gpu/h100.csv\n" +
            "  vhksim run --case 256:256 --config my-vhk158.yaml --format json > run.json\n" +
            "  vhksim run --format markdown --no-cache");
        simulation.AddTo(cmd);
        caseOptions.AddTo(cmd);
        var plots = new Option<bool>("--plots") { Description = "Also write the comparison as a bar chart (PNG + SVG) to OUT/plots/ (default .compiler_output/plots/)." };
        cmd.Options.Add(plots);
        gpu.AddTo(cmd);
        cmd.Options.Add(format);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var outDir = simulation.OutDir(r, simulation.LoadConfig(r));
            var (gpuSource, gpuSearched) = gpu.Source(r, outDir, r.GetValue(workload.Model)!, caseOptions.Read(r)); // bad GPU input fails before simulating
            var modelName = workload.ModelName(r);
            var model = ComparisonBuilder.DisplayName(modelName);
            Console.Error.WriteLine($"Profiling for {model} on VHK158 FPGA");
            var (cases, buckets, pipeline) = caseOptions.RunBuckets(r, simulation);
            var results = cases.Select(c => pipeline.Aggregate(c, buckets)).ToList();
            // The FPGA's energy rows where the config has an energy model (ENERGY section), else n/a.
            var energy = Sim.Vhk158.Energy.EnergyModels.Create(pipeline.Config);
            var joules = energy is null ? null
                : cases.Select(c => (double?)Sim.Vhk158.Energy.CaseEnergy.Of(c, pipeline.Policy, buckets, energy).JoulesPerToken).ToList();
            var report = ComparisonBuilder.Build(model, modelName, cases, results, gpuSource, gpuSearched, $"simulated by VhkSim ({workload.Describe(r)})", joules);
            Console.Out.Write(ComparisonFormat.Write(report, r.GetValue(format)!));
            if (r.GetValue(plots))
                foreach (var f in Plots.ComparisonChart.Write(Path.Combine(outDir, "plots"), report.Model, ComparisonFormat.Columns(report)))
                    Console.Error.WriteLine($"wrote {f}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
