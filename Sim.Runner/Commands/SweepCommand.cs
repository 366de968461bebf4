using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Core.Errors;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Config;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim sweep</c>: what-if studies over hardware config keys. Every point of the grid is the
/// config with the point's values set; all points' buckets run on one pool of workers. Invalid
/// points are reported with their error and skipped.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions(
            "Output folder: OUT/sweep/sweep.csv and sweep.svg (for one swept key); bucket profiles are read from and filed in the cache " +
            "OUT/cache that every verb shares (default: the config's OUTPUT_DIR, ./.compiler_output in the artifact's).");
        var workload = simulation.Workload;
        var caseOptions = new CaseOptions([new FpgaCase(128, 512)]);
        var set = new Option<string[]>("--set") { Description = "A config key and its values, KEY=v1,v2,... (repeatable: the grid is every combination).", Required = true };
        var cmd = new Command("sweep",
            "What-if sweep over hardware config keys (any key of the config file): simulate the case(s) at every " +
            "combination of the values and print prefill ms, decode ms, decode tokens/s and each module's utilization " +
            "(busy time over the case's total time). Writes OUT/sweep/sweep.csv and, for one key, a line plot OUT/sweep/sweep.svg. " +
            "A key of a machine model's own section is set as MACHINE.MODEL.OPTION (and the model as MACHINE.impl).\n\nExamples:\n" +
            "  vhksim sweep --set CLOCK_FREQ_MHZ=200,225,300\n" +
            "  vhksim sweep --set CLOCK_FREQ_MHZ=200,225,300 --set HBM_BW_GB_PER_SEC=409.6,819.2,1638.4\n" +
            "  vhksim sweep --set GLOBAL_BUFFER_DEPTH=256,512,1024 --case 512:512 --case 128:1536 --jobs 2\n" +
            "  vhksim sweep --set TIMING_MODEL=reference --ir-dir ../shared/flightllm-reference/ir_output --out out/sweep");
        simulation.AddTo(cmd);
        caseOptions.AddTo(cmd);
        cmd.Options.Add(set);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var sw = Stopwatch.StartNew();
            var axes = r.GetValue(set)!.Select(SweepAxis.Parse).ToList();
            var points = SweepGrid.Points(axes);
            var config = workload.LoadConfig(r);
            foreach (var axis in axes) CheckKey(axis.Key);
            var cases = caseOptions.Read(r);
            var outDir = Path.Combine(simulation.OutDir(r, config), "sweep");
            var modelName = ComparisonBuilder.DisplayName(workload.ModelName(r));

            DebugKey.Warn(config);
            var runner = new SweepRunner(config, workload.SourceFactory(r), simulation.Cache(r, config)) { ReuseCache = !r.GetValue(simulation.NoCache) };
            var plan = runner.Plan(points, cases);
            int simulated = 0, cached = 0;
            var outcomes = ProgressReporter.Run($"sweeping {points.Count} points", plan.TotalBuckets,
                progress => runner.Run(plan, r.GetValue(caseOptions.Jobs), (p, d) =>
                {
                    Interlocked.Increment(ref d.Cached ? ref cached : ref simulated);
                    progress.Done($"{p.Label}: {d.Bucket}", d.Cached);
                }));

            var keys = axes.Select(a => a.Key).ToList();
            var rows = SweepRow.From(outcomes, cases);
            bool withCase = cases.Count > 1;
            if (outcomes.Any(o => o.Ok)) SweepTable.Print(SweepTable.Headers(keys, withCase), SweepTable.Cells(rows, keys, withCase));
            foreach (var o in outcomes.Where(o => !o.Ok)) ReportSkipped(o);

            var csvPath = Path.Combine(outDir, "sweep.csv");
            SweepCsv.Write(csvPath, rows, keys);
            var written = new List<string> { csvPath };
            if (axes.Count == 1 && outcomes.Any(o => o.Ok))
            {
                var svgPath = Path.Combine(outDir, "sweep.svg");
                SweepPlot.Write(svgPath, axes[0].Key, axes[0].Values, rows, modelName);
                written.Add(svgPath);
            }
            int ok = outcomes.Count(o => o.Ok);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{points.Count} points ({ok} run, {points.Count - ok} skipped); buckets: {simulated} simulated, {cached} reused " +
                $"({sw.Elapsed.TotalSeconds:F2} s); wrote {string.Join(", ", written)}"));
            if (ok == 0)
            {
                Console.Error.WriteLine("error: every point of the sweep was skipped");
                Console.Error.WriteLine("hint: check the values against the config rules with `vhksim config check FILE` on an edited copy");
                return ErrorBoundary.InputError;
            }
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    private static void CheckKey(string key)
    {
        if (ConfigKeyTable.Find(key) is not null || (key.Contains('.') && ComponentSection.Known.Contains(key.Split('.')[0]))) return;
        var near = ConfigKeyTable.Suggest(key) is { } s ? $" (did you mean '{s}'?)" : "";
        throw new InputException($"--set {key}: unknown hardware config key '{key}'{near}")
        {
            Hint = "any key of the config file can be swept, e.g. CLOCK_FREQ_MHZ or HBM_BW_GB_PER_SEC (see configs/vhk158.yaml)",
        };
    }

    /// <summary>One line per skipped point (a multi-line config error keeps its lines, indented).</summary>
    private static void ReportSkipped(SweepOutcome o)
    {
        var lines = o.Error!.Split('\n');
        var first = lines[0].StartsWith(o.Point.Label, StringComparison.Ordinal) ? lines[0] : $"{o.Point.Label}: {lines[0]}";
        Console.Error.WriteLine($"skipped {first}");
        foreach (var line in lines.Skip(1)) Console.Error.WriteLine($"  {line}");
    }
}
