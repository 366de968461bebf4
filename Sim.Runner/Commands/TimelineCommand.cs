using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Core.Errors;
using Sim.Runner.Infrastructure;
using Sim.Runner.Plots;
using Sim.Runner.Reporting;
using Sim.Vhk158.Analysis;
using Sim.Workloads.Ir;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim timeline</c>: per-module busy runs and utilization of one bucket as PNG, SVG or Perfetto JSON.</summary>
public static class TimelineCommand
{
    /// <summary>Without --merge-gap, idle gaps up to this share of the window merge (about a pixel of the PNG).</summary>
    public const double DefaultGapShare = 1.0 / 2000;

    private static readonly Dictionary<string, string> Extensions = new()
    {
        ["png"] = ".png", ["svg"] = ".svg", ["perfetto"] = ".perfetto.json",
    };

    public static Command Create()
    {
        var simulation = new SimulationOptions(
            "Output folder: the timeline files go to OUT/timelines/ (default: the config's OUTPUT_DIR, ./.compiler_output in the artifact's); " +
            "the bucket's profile is filed in OUT/cache and OUT/profiler_output.");
        var workload = simulation.Workload;
        var bucketOptions = new BucketOptions();
        var layers = new Option<string?>("--layers") { Description = "Only decoder blocks A..B (e.g. 0-1, or 3): the layer groups whose name ends in _i with i in range. The final norm and LM head belong to no block." };
        var formats = new Option<string[]>("--file-format") { Description = "Files to write: png, svg or perfetto (Chrome trace-event JSON for ui.perfetto.dev); repeat it or say 'all' for several (default png).", DefaultValueFactory = _ => ["png"] };
        formats.AcceptOnlyFromAmong(FileFormats);
        var summaryFormat = FormatOption.Create("the summary (each unit's instructions, runs and busy time)");
        summaryFormat.Validators.Clear();
        summaryFormat.Validators.Add(v =>
        {
            var given = v.Tokens.Select(t => t.Value).FirstOrDefault(t => !ResultTable.Formats.Contains(t));
            if (given is null) return;
            v.AddError(FileFormats.Contains(given)
                ? $"--format says how the summary prints ({string.Join(", ", ResultTable.Formats)}); the files to write are --file-format {given}"
                : $"--format '{given}': expected one of {string.Join(", ", ResultTable.Formats)}");
        });
        var name = new Option<string?>("--name") { Description = "File name of the outputs without extension (default PREFIX_STAGE_token_L[_blocks_A-B]); each file format adds its own (.png, .svg, .perfetto.json)." };
        var mergeGap = new Option<double?>("--merge-gap") { Description = "Largest idle gap in µs merged into a run (default: the window span / 2000, about one pixel of the PNG)." };
        var bins = new Option<int>("--bins") { Description = "Time bins of the utilization panel and counters (default 200).", DefaultValueFactory = _ => 200 };
        var cmd = new Command("timeline",
            "Simulate one IR bucket and draw when each module (LD, ST, MM, MV, MISC, SYS) is busy, coloured by " +
            "layer kind (layernorm, linear+rope, attention+softmax, ...), with each module's busy % over time.\n\n" +
            "Merging rule: consecutive instructions of one module in the same layer group become one run (one bar, " +
            "one Perfetto slice) when the idle gap between them is at most the merge gap; runs never cross layers. " +
            "Utilization is computed before merging, so it is exact.\n\nExamples:\n" +
            "  vhksim timeline --stage decode --tokens 512\n" +
            "  vhksim timeline --stage decode --tokens 512 --file-format svg --file-format perfetto\n" +
            "  vhksim timeline --stage prefill --tokens 128 --layers 0-1 --file-format all --out out --name prefill128\n" +
            "  vhksim timeline --stage decode --tokens 512 --format json   # the summary as JSON on stdout\n" +
            "  vhksim timeline --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 16 --merge-gap 0");
        simulation.AddTo(cmd, withCacheSwitch: false);
        bucketOptions.AddTo(cmd);
        foreach (var o in new Option[] { layers, formats, summaryFormat, name, mergeGap, bins }) cmd.Options.Add(o);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var sw = Stopwatch.StartNew();
            var range = r.GetValue(layers) is { } text ? LayerRange.Parse(text) : null;
            var wanted = Formats(r.GetValue(formats) ?? []);
            int binCount = r.GetValue(bins);
            if (binCount is < 1 or > 100_000) throw new InputException($"--bins {binCount}: expected 1 to 100000");
            double? gapUs = r.GetValue(mergeGap);
            if (gapUs is < 0 || gapUs is double g && !double.IsFinite(g)) throw new InputException($"--merge-gap {gapUs}: expected a gap in µs, 0 or more");

            var configPath = r.GetValue(workload.Config)!;
            var pipeline = simulation.Build(r);
            var source = pipeline.Source;
            var bucket = bucketOptions.Read(r);
            var stem = OutputName.Checked(r.GetValue(name) ?? $"{source.Prefix}_{Stage(bucket)}_token_{bucket.Tokens}{(range is null ? "" : $"_blocks_{range}")}", "--name");
            var dir = Path.Combine(simulation.OutDir(r, pipeline.Config), "timelines");
            var (lossless, profile) = ProgressReporter.Run($"simulating {bucket}", 1, progress =>
            {
                var recorded = TimelineCapture.Record(pipeline, bucket, range, progress.Inside(bucket.ToString()));
                progress.Done(bucket.ToString(), cached: false);
                return recorded;
            });
            if (lossless.IsEmpty)
            {
                var blocks = lossless.Groups.Select(g => g.Block).OfType<int>().DefaultIfEmpty(-1).ToList();
                var has = blocks.Max() < 0 ? "it has no numbered blocks" : $"its blocks are {blocks.Min()}-{blocks.Max()}";
                throw new InputException($"--layers {range}: no layer group of {source.Describe(bucket.Stage, bucket.Tokens)} is in decoder blocks {range}; {has}");
            }
            double simulated = sw.Elapsed.TotalSeconds;

            var utilization = UtilizationProfile.Compute(lossless, binCount);
            var timeline = lossless.Merge(gapUs is double us ? us / 1000 : lossless.Span * DefaultGapShare);
            var names = new TimelineNames(bucket, range, BoardName.Of(configPath), pipeline.Profiler.Machine.Name, source.Describe(bucket.Stage, bucket.Tokens), profile.TotalMs, timeline);
            Summary(names, lossless, timeline, r.GetValue(summaryFormat)!);

            foreach (var format in wanted)
            {
                var path = Path.Combine(dir, stem + Extensions[format]);
                var t0 = sw.Elapsed.TotalSeconds;
                switch (format)
                {
                    case "png": PlotExport.Png(TimelinePlot.Build(timeline, utilization, names.Title, names.Subtitle), path, TimelinePlot.Width, TimelinePlot.Height); break;
                    case "svg": PlotExport.Svg(TimelinePlot.Build(timeline, utilization, names.Title, names.Subtitle), path, TimelinePlot.Width, TimelinePlot.Height); break;
                    default: PerfettoTrace.Write(path, [new PerfettoTrace.Process(names.Title, timeline, utilization)]); break;
                }
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {path} ({new FileInfo(path).Length / 1024.0:F0} KiB, {sw.Elapsed.TotalSeconds - t0:F2} s)"));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated in {simulated:F2} s, total {sw.Elapsed.TotalSeconds:F2} s"));
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    private static string Stage(Bucket b) => b.Stage == Workloads.Ir.Stage.Prefill ? "prefill" : "decode";

    private static IReadOnlyList<string> Formats(string[] given)
    {
        var list = given.Contains("all") ? ["png", "svg", "perfetto"] : given.Distinct().ToList();
        return list.Count > 0 ? list : ["png"];
    }

    /// <summary>What the output says about the bucket: the figure's title and subtitle.</summary>
    private sealed record TimelineNames(Bucket Bucket, LayerRange? Range, string Board, string Machine, string Ir, double TotalMs, Timeline Timeline)
    {
        public string Title => $"{Board} {Stage(Bucket)}, {Bucket.Tokens} tokens" + (Range is null ? "" : $", decoder blocks {Range}") + $" ({Machine} machine)";

        public string Subtitle
        {
            get
            {
                var window = Range is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; window {Timeline.Start:F3}-{Timeline.End:F3} ms");
                return string.Create(CultureInfo.InvariantCulture,
                    $"IR: {Path.GetFileName(Ir)}; bucket total {TotalMs:F3} ms{window}; a bar = one module's instructions in one layer, idle gaps up to {Timeline.MergeGap * 1000:0.###} µs merged, fainter = more idle");
            }
        }
    }

    /// <summary>
    /// The title and window, then a row per unit; with a machine format on stdout (csv, json) the
    /// title and window go to stderr.
    /// </summary>
    private static void Summary(TimelineNames names, Timeline lossless, Timeline merged, string format)
    {
        var heading = format is ResultTable.Table or ResultTable.Markdown ? Console.Out : Console.Error;
        heading.WriteLine(names.Title);
        heading.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window {lossless.Start:F3}-{lossless.End:F3} ms, {merged.RunCount} runs (gaps up to {merged.MergeGap * 1000:0.###} µs merged)"));
        var c = CultureInfo.InvariantCulture;
        var rows = Enumerable.Range(0, lossless.Units.Count).Select(u =>
        {
            double busy = lossless.BusyMs(u);
            return (IReadOnlyList<string>)
            [
                lossless.Units[u].Name, lossless.Instructions(u).ToString(c), merged.Runs(u).Count.ToString(c),
                busy.ToString("F3", c), (lossless.Span > 0 ? 100 * busy / lossless.Span : 0).ToString("F1", c),
            ];
        }).ToList();
        new ResultTable(["unit", "instructions", "runs", "busy (ms)", "busy (%)"], rows) { Keys = ["unit", "instructions", "runs", "busy_ms", "busy_pct"] }
            .Print(format);
        Console.Out.Flush();
    }

    private static readonly string[] FileFormats = ["png", "svg", "perfetto", "all"];
}
