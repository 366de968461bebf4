using System.CommandLine;
using System.Globalization;
using Sim.Core.Errors;
using Sim.Gpu.Backends;
using Sim.Gpu.Checks;
using Sim.Gpu.Measurement;
using Sim.Gpu.Model;
using Sim.Gpu.Results;
using Sim.Gpu.Runtime;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Workloads.Models;
using Spectre.Console;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim gpu</c>: measures LLaMA-family models with TorchSharp on a CUDA GPU (or the CPU),
/// and <c>vhksim gpu logits</c>: the C# half of the logits check against transformers.
/// </summary>
public static class GpuCommand
{
    /// <param name="meter">times each run; default: device synchronization, a monotonic clock and the GPU's NVML energy counter (tests pass a scripted one)</param>
    public static Command Create(IRunMeter? meter = null)
    {
        var backend = new Option<string[]>("--backend")
        {
            Description = $"Backends to measure: {string.Join(", ", BackendCatalog.Names)} or all (default all that run on the device; opt is CUDA only)",
            AllowMultipleArgumentsPerToken = true,
        };
        var model = ModelOption();
        var cases = CaseOption.Create("A case PREFILL:DECODE or BATCH:PREFILL:DECODE, one per flag (repeat the flag for more; default: the six standard cases)");
        var caseFile = CaseFileOption();
        var format = FormatOption.Create("the measured rows (progress and notes go to stderr)");
        var device = DeviceOption();
        var quick = new Option<bool>("--quick") { Description = "Quick protocol: 1 short warm-up and 3 timed runs instead of 5 and 10" };
        var warmup = new Option<int?>("--warmup") { Description = "Override the number of warm-up runs" };
        var reps = new Option<int?>("--repetitions") { Description = "Override the number of timed runs" };
        var outDir = new Option<string>("--out") { Description = "Output folder (results go to <out>/gpu_output/<gpu>.csv)", DefaultValueFactory = _ => ".compiler_output" };
        var libtorch = LibTorchOption();
        var weights = new Option<string?>("--weights") { Description = "A Hugging Face folder of safetensors to load real weights from (default: seeded random weights)" };
        var layers = LayersOption();
        var bandwidth = new Option<double?>("--bandwidth") { Description = "Memory bandwidth in GB/s for the roofline (default: the GPU's datasheet value when known)" };
        var seed = new Option<long>("--seed") { Description = "Seed of the random weights", DefaultValueFactory = _ => 1234 };

        var cmd = new Command("gpu",
            "Measure LLaMA inference on a GPU (prefill/decode latency per backend and case, the seed's protocol) and write " +
            "<out>/gpu_output/<gpu>.csv: medians with the fastest and slowest run, and on an NVIDIA GPU the energy from its NVML " +
            "counter (average watts, J per prefill, J per decoded token). A case whose timing is implausible is measured again and, " +
            "if it stays so, is an error. Runs on the CPU are smoke runs (run_kind smoke): they show the path works.\n\nExamples:\n" +
            "  vhksim gpu --backend all --quick                                   # six standard cases on CUDA\n" +
            "  vhksim gpu --backend opt --case 512:512 --case 1024:512 --libtorch /path/to/torch/lib\n" +
            "  vhksim gpu --model configs/models/tiny.yaml --device cpu --case 16:8   # the whole path on a CPU\n" +
            "  vhksim gpu merge --into results/gpu/h100.csv a.csv b.csv")
        {
            backend, model, cases, caseFile, device, quick, warmup, reps, outDir, libtorch, weights, layers, bandwidth, seed, format,
        };
        cmd.SetAction(pr => ErrorBoundary.Run(() =>
        {
            var opts = pr.GetValue(quick) ? MeasurementOptions.QuickRuns : MeasurementOptions.Seed5x10;
            if (pr.GetValue(warmup) is { } w)
                opts = w >= 0 ? opts with { Warmup = w } : throw new InputException("--warmup must be 0 or more");
            if (pr.GetValue(reps) is { } r)
                opts = r >= 1 ? opts with { Repetitions = r } : throw new InputException("--repetitions must be at least 1");
            var chosen = Cases(pr, cases, caseFile);
            var dev = TorchDeviceNames.Parse(pr.GetValue(device)!);
            var req = new GpuRunRequest(
                ModelPath: pr.GetValue(model)!,
                Backends: BackendCatalog.Resolve(pr.GetValue(backend) ?? [], dev),
                Cases: chosen.Count == 0 ? MeasurementCase.Standard : chosen,
                Device: dev,
                Options: opts,
                OutDir: pr.GetValue(outDir)!,
                LibTorchDir: pr.GetValue(libtorch),
                WeightsDir: pr.GetValue(weights),
                Layers: pr.GetValue(layers),
                BandwidthGbS: pr.GetValue(bandwidth),
                WeightSeed: pr.GetValue(seed));

            // Progress and notes on stderr, so that stdout holds only the rows in the format asked for.
            GpuRun.Outcome outcome;
            if (!ProgressReporter.Live)
            {
                outcome = GpuRun.Execute(req, new PlainGpuProgress(Console.Error), meter: meter);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                GpuRun.Outcome? o = null;
                console.Progress().AutoClear(false).Start(ctx => o = GpuRun.Execute(req, new LiveGpuProgress(ctx, console), meter: meter));
                outcome = o!;
            }
            GpuRowsTable.Of(outcome.Rows).Print(pr.GetValue(format)!);
            Console.Error.WriteLine($"wrote {outcome.Rows.Count} rows to {outcome.CsvPath}");
            return ErrorBoundary.Ok;
        }));
        cmd.Subcommands.Add(CreateLogits());
        cmd.Subcommands.Add(CreateMerge());
        cmd.Subcommands.Add(CreateTokens());
        return cmd;
    }

    private static Command CreateMerge()
    {
        var files = new Argument<string[]>("files") { Description = "GPU results files to merge", Arity = ArgumentArity.OneOrMore };
        var into = new Option<string>("--into") { Description = "Results file to merge them into (created if absent)", Required = true };
        var cmd = new Command("merge", "Merge GPU results files (rows for the same case, backend, device and model are replaced)") { files, into };
        cmd.SetAction(pr => ErrorBoundary.Run(() =>
        {
            var rows = pr.GetValue(files)!.SelectMany(GpuResultsFile.Read).ToList();
            var all = GpuResultsFile.Merge(pr.GetValue(into)!, rows);
            Console.WriteLine($"{pr.GetValue(into)}: {all.Count} rows");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    private static Command CreateLogits()
    {
        var model = ModelOption();
        var device = DeviceOption();
        var libtorch = LibTorchOption();
        var layers = LayersOption();
        var outDir = new Option<string>("--out") { Description = "Output folder: the prompt and every backend's logits go to OUT/NAME.safetensors", DefaultValueFactory = _ => ".compiler_output" };
        var name = new Option<string>("--name") { Description = "File name of the logits without extension", DefaultValueFactory = _ => "logits" };
        var saveWeights = new Option<string?>("--save-weights") { Description = "Folder to write the seeded weights to (config.json + model.safetensors); default OUT/NAME-weights" };
        var tokens = new Option<int>("--tokens") { Description = "Prompt length", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "Seed of the weights and the prompt", DefaultValueFactory = _ => 1234 };
        var cmd = new Command("logits", "Save seeded weights as a Hugging Face folder, reload them, and write each backend's logits to OUT/NAME.safetensors (for scripts/gpu/check_logits.py)")
        {
            model, device, libtorch, layers, outDir, name, saveWeights, tokens, seed,
        };
        cmd.SetAction(pr => ErrorBoundary.Run(() =>
        {
            var m = ModelDescriptionLoader.Load(pr.GetValue(model)!);
            if (pr.GetValue(layers) is { } n) m = ModelVariants.WithLayers(m, n);
            var t = pr.GetValue(tokens);
            if (t < 1 || t > m.MaxPositionEmbeddings)
                throw new InputException($"--tokens must be between 1 and {m.MaxPositionEmbeddings}, got {t}");
            var dev = TorchDeviceNames.Parse(pr.GetValue(device)!);
            var rt = TorchRuntime.Initialize(dev, pr.GetValue(libtorch));
            Console.WriteLine($"libtorch {rt.LibTorchVersion}; device {rt.DeviceName}");
            var fileName = OutputName.Checked(pr.GetValue(name)!, "--name");
            var folder = pr.GetValue(outDir)!;
            Directory.CreateDirectory(folder);
            var weightsDir = pr.GetValue(saveWeights) ?? Path.Combine(folder, fileName + "-weights");
            var r = LogitsExport.Run(m, dev, weightsDir, Path.Combine(folder, fileName + ".safetensors"), t, pr.GetValue(seed), BackendCatalog.NamesFor(dev));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote weights to {r.WeightsDir} and logits of {string.Join(", ", r.Backends)} for {r.Tokens} tokens to {r.LogitsPath}"));
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    private static Command CreateTokens()
    {
        var model = ModelOption();
        var device = DeviceOption();
        var libtorch = LibTorchOption();
        var layers = LayersOption();
        var backend = new Option<string[]>("--backend")
        {
            Description = "Backends to compare (default: all that run on the device); the first is the reference",
            AllowMultipleArgumentsPerToken = true,
        };
        var cases = CaseOption.Create($"P:D: prompt tokens and tokens to generate, one per flag (repeat the flag for more; default {DefaultTokensCase})");
        var caseFile = CaseFileOption();
        var seed = new Option<long>("--seed") { Description = "Seed of the weights and the prompt", DefaultValueFactory = _ => 1234 };
        var format = FormatOption.Create("a row per case and backend: greedy tokens identical to the reference's, and the first 16 (notes go to stderr)");
        var cmd = new Command("tokens", "Greedy tokens of several backends on the same seeded weights and prompt: where do they first differ?")
        {
            model, device, libtorch, layers, backend, cases, caseFile, seed, format,
        };
        cmd.SetAction(pr => ErrorBoundary.Run(() =>
        {
            var m = ModelDescriptionLoader.Load(pr.GetValue(model)!);
            if (pr.GetValue(layers) is { } n) m = ModelVariants.WithLayers(m, n);
            var chosen = Cases(pr, cases, caseFile);
            if (chosen.Count == 0) chosen.Add(MeasurementCase.Parse(DefaultTokensCase));
            foreach (var c in chosen)
            {
                if (c.Batch != 1) throw new InputException($"--case {c}: tokens compares batch 1 only");
                if (c.Prefill + c.Decode - 1 > m.MaxPositionEmbeddings)
                    throw new InputException($"--case {c}: more positions than the model's {m.MaxPositionEmbeddings}");
            }
            var dev = TorchDeviceNames.Parse(pr.GetValue(device)!);
            // Keep the order given: the first backend is the reference.
            var requested = pr.GetValue(backend) ?? [];
            var names = requested.Length == 0 ? BackendCatalog.NamesFor(dev)
                : requested.Select(r => BackendCatalog.Resolve([r], dev).Single()).ToList();
            var rt = TorchRuntime.Initialize(dev, pr.GetValue(libtorch));
            Console.Error.WriteLine($"libtorch {rt.LibTorchVersion}; device {rt.DeviceName}; model {m.Name}");
            var rows = new List<IReadOnlyList<string>>();
            foreach (var c in chosen)
            {
                var r = TokenAgreement.Run(m, dev, names, c.Prefill, c.Decode, pr.GetValue(seed));
                var reference = r.Runs[0];
                foreach (var run in r.Runs)
                {
                    var same = 0;
                    while (same < r.NewTokens && run.Tokens[same] == reference.Tokens[same]) same++;
                    rows.Add([c.ToString(), run.Backend, reference.Backend, same.ToString(CultureInfo.InvariantCulture), r.NewTokens.ToString(CultureInfo.InvariantCulture),
                              string.Join(' ', run.Tokens.Take(16)) + (run.Tokens.Length > 16 ? " ..." : "")]);
                    // The verdict as a line too (logs grep it), on stderr so that stdout holds only the rows.
                    if (!ReferenceEquals(run, reference))
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{c}: {run.Backend} vs {reference.Backend}: {(same == r.NewTokens ? "all" : "first")} {same} of {r.NewTokens} greedy tokens identical"));
                }
            }
            new ResultTable(["case", "backend", "reference", "identical", "of", "first tokens"], rows)
            {
                Keys = ["case", "backend", "reference", "identical_tokens", "new_tokens", "first_tokens"],
            }.Print(pr.GetValue(format)!);
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    private const string DefaultTokensCase = "128:64";

    private static Option<string?> CaseFileOption() => new("--cases")
    {
        Description = "A YAML file of cases (e.g. configs/cases.yaml: the seed's six); --case adds to it.",
    };

    /// <summary>The cases of --cases (batch 1), then those of --case; empty when neither is given.</summary>
    private static List<MeasurementCase> Cases(ParseResult pr, Option<string[]> cases, Option<string?> caseFile)
    {
        var chosen = new List<MeasurementCase>();
        if (pr.GetValue(caseFile) is { } file)
            chosen.AddRange(CaseFile.Load(file).Select(c => new MeasurementCase(1, c.Prefill, c.Decode)));
        chosen.AddRange((pr.GetValue(cases) ?? []).Select(MeasurementCase.Parse));
        return chosen;
    }

    private static Option<string> ModelOption() => new("--model")
    {
        Description = "Model description (configs/models/*.yaml)",
        DefaultValueFactory = _ => ShippedFiles.Resolve(WorkloadOptions.DefaultModel),
    };

    private static Option<string> DeviceOption() => new("--device")
    {
        Description = "cuda (fp16) or cpu (fp32)",
        DefaultValueFactory = _ => "cuda",
    };

    private static Option<string?> LibTorchOption() => new("--libtorch")
    {
        Description = "Folder of the native libtorch to load (e.g. PyTorch's torch/lib); default: LD_LIBRARY_PATH, then the build's own",
    };

    private static Option<int?> LayersOption() => new("--layers")
    {
        Description = "Use only this many decoder layers (a reduced-depth model of the same shape)",
    };
}
