using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Shards;
using Sim.Workloads.Models;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim sweep</c>: what-if studies over hardware config keys, from <c>--set</c> axes or a
/// spec file. Every sweep has its own folder OUT/sweeps/ID (ID: the spec's name or hash) with the
/// resolved spec beside the results. <c>--shard i/N</c> evaluates one slice and files it;
/// <c>sweep merge</c> joins the slices; <c>sweep submit --slurm</c> runs the slices as a Slurm job
/// array. Invalid points are reported with their error and skipped.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var options = new SweepSpecOptions(
            "Output folder: the sweep's results go to OUT/sweeps/ID/ (ID: the spec's name, else its hash); bucket profiles are read from " +
            "and filed in the cache OUT/cache that every verb shares (default: the config's OUTPUT_DIR, ./.compiler_output in the artifact's).");
        var format = FormatOption.Create("the results (csv and json: sweep.csv's cells and column names)");
        var shard = new Option<string?>("--shard") { Description = "Evaluate only slice i of N (0 <= i < N: the points whose number mod N is i) and file it under OUT/sweeps/ID/shards; join the slices with `vhksim sweep merge`." };
        var cmd = new Command("sweep",
            "What-if sweep over hardware config keys (any key of the config file): simulate the case(s) at every point and print " +
            "prefill ms, decode ms, decode tokens/s, its change against the baseline (point 0: the base config), each module's utilization, " +
            "the DSPs the config needs and which known device holds it. Writes OUT/sweeps/ID/: spec.yaml (the resolved spec), sweep.csv, " +
            "pareto.csv and pareto.png/svg (the Pareto front), heatmap.png/svg (two or more keys) or sweep.svg (one key). " +
            "A key of a machine model's own section is set as MACHINE.MODEL.OPTION (and the model as MACHINE.impl).\n\nExamples:\n" +
            "  vhksim sweep --set CLOCK_FREQ_MHZ=200,225,300\n" +
            "  vhksim sweep --set CLOCK_FREQ_MHZ=200,225,300 --set HBM_BW_GB_PER_SEC=409.6,819.2,1638.4\n" +
            "  vhksim sweep --spec configs/sweeps/example.yaml\n" +
            "  vhksim sweep --spec configs/sweeps/example.yaml --shard 0/4   (then: vhksim sweep merge OUT/sweeps/ID)\n" +
            "  vhksim sweep submit --slurm --spec configs/sweeps/example.yaml --partition batch");
        options.AddTo(cmd);
        cmd.Options.Add(shard);
        cmd.Options.Add(format);
        cmd.Subcommands.Add(SweepMergeCommand.Create());
        cmd.Subcommands.Add(SweepSubmitCommand.Create());
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var sw = Stopwatch.StartNew();
            var spec = options.Read(r);
            var sim = options.Simulation;
            var outDir = r.GetValue(sim.Out) ?? Sim.Vhk158.Config.HardwareConfigLoader.Load(spec.Config).OutputDir;
            var job = SweepJob.Prepare(spec, outDir);
            var slice = r.GetValue(shard) is { } text ? SweepShard.Parse(text) : (SweepShard?)null;
            if (slice is { } s && job.ShardIsValid(s))
            {
                Console.Error.WriteLine($"shard {s} of sweep {job.Id} already has valid results in {job.Dir}; skipped");
                return ErrorBoundary.Ok;
            }

            var cache = new ProfileCache(Path.Combine(outDir, SimulationOptions.CacheFolder));
            var runner = job.Runner(cache, reuseCache: !r.GetValue(sim.NoCache));
            var part = slice ?? SweepShard.Whole;
            var indices = job.PointsOf(part);
            var plan = job.Plan(part, runner);
            int simulated = 0, cached = 0;
            var outcomes = ProgressReporter.Run($"sweeping {indices.Count} points", plan.TotalBuckets,
                progress => runner.Run(plan, r.GetValue(options.Cases.Jobs), (p, d) =>
                {
                    Interlocked.Increment(ref d.Cached ? ref cached : ref simulated);
                    progress.Done($"{p.Label}: {d.Bucket}", d.Cached);
                }, (p, bucket, share) => progress.Within($"{p.Label}: {bucket}", share)));
            var rows = job.Results(part, outcomes);
            int ok = Ran(rows);
            int points = indices.Count(i => i != SweepPoints.BaselineIndex);
            ReportSkipped(rows);
            string Summary() => string.Create(CultureInfo.InvariantCulture,
                $"{points} points and {(indices.Contains(SweepPoints.BaselineIndex) ? "the" : "no")} baseline ({ok} run, {points - ok} skipped; " +
                $"{job.Points.Excluded.Count} of {job.Points.Sampled} sampled excluded by constraints); " +
                $"buckets: {simulated} simulated, {cached} reused ({sw.Elapsed.TotalSeconds:F2} s)");

            if (slice is not null)
            {
                job.WriteShard(part, rows);
                Print(rows, job, r.GetValue(format)!);
                Console.Error.WriteLine($"{Summary()}; shard {part} of sweep {job.Id} written to {job.Dir}");
                Console.Error.WriteLine($"merge the shards with: vhksim sweep merge {job.Dir}");
                return ErrorBoundary.Ok;
            }
            if (ok == 0)
            {
                Console.Error.WriteLine(Summary());
                Console.Error.WriteLine("error: every point of the sweep was skipped; nothing written (earlier results are kept)");
                Console.Error.WriteLine("hint: check the values against the config rules with `vhksim config check FILE` on an edited copy");
                return ErrorBoundary.InputError;
            }
            job.WriteShard(SweepShard.Whole, rows);
            var merged = job.Merge();
            Print(merged, job, r.GetValue(format)!);
            var written = SweepReport.Write(job, merged, ModelName(job));
            PrintFront(merged, job, r.GetValue(format)!);
            Console.Error.WriteLine($"{Summary()}; sweep {job.Id}: wrote {string.Join(", ", written)}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    internal static string ModelName(SweepJob job) =>
        ComparisonBuilder.DisplayName(job.Spec.IrDir is null ? ModelDescriptionLoader.Load(job.Spec.Model).Name : "LLaMA2-7B");

    /// <summary>Swept points (the baseline not counted) that ran.</summary>
    internal static int Ran(SweepResults rows)
    {
        int error = rows.Column(SweepColumns.Error), point = rows.Column(SweepColumns.Point), role = rows.Column(SweepColumns.Role);
        return rows.Rows.Where(r => r[error].Length == 0 && r[role] == SweepColumns.PointRole).Select(r => r[point]).Distinct().Count();
    }

    internal static void Print(SweepResults rows, SweepJob job, string format) =>
        Console.Out.Write(SweepTable.Write(rows, job.Spec.Keys, job.Spec.Cases.Count > 1, format, !Console.IsOutputRedirected));

    /// <summary>The Pareto front's lines under the table; with a machine format on stdout they go to stderr (pareto.csv has them).</summary>
    internal static void PrintFront(SweepResults merged, SweepJob job, string format)
    {
        var to = format is ResultTable.Table or ResultTable.Markdown ? Console.Out : Console.Error;
        foreach (var line in SweepParetoList.Lines(merged, job.Spec)) to.WriteLine(line);
    }

    /// <summary>One line per skipped point (a multi-line config error keeps its lines, indented).</summary>
    internal static void ReportSkipped(SweepResults rows)
    {
        int error = rows.Column(SweepColumns.Error), point = rows.Column(SweepColumns.Point);
        foreach (var row in rows.Rows.Where(r => r[error].Length > 0).DistinctBy(r => r[point]))
        {
            var lines = row[error].Split('\n');
            Console.Error.WriteLine($"skipped point {row[point]}: {lines[0]}");
            foreach (var line in lines.Skip(1)) Console.Error.WriteLine($"  {line}");
        }
    }
}
