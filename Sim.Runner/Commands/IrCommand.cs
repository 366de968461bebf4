using System.CommandLine;
using Sim.Core.Errors;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim ir</c>: generates compiler IR files (spec §1) from a model description, and
/// <c>vhksim ir check</c>: reads and validates IR files.
/// </summary>
public static class IrCommand
{
    public const string DefaultOutDir = ".compiler_output/ir_output";

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Model description YAML (e.g. configs/models/llama2-7b.yaml).",
            Required = true,
        };
        var stage = new Option<string?>("--stage")
        {
            Description = "prefill (the whole prompt at once) or decode (one new token with its context). With --all: only this stage.",
        };
        stage.AcceptOnlyFromAmong("prefill", "decode");
        var tokens = new Option<int?>("--tokens")
        {
            Description = "Token length L: the prompt length (prefill) or the context length with the new token (decode). " +
                          $"A multiple of {IrGenerator.TokenGranularity} up to the model's max_position_embeddings.",
        };
        var all = new Option<bool>("--all")
        {
            Description = $"Write every bucket up to the maximum length: prefill {IrGenerator.PrefillBucket}..MAX step {IrGenerator.PrefillBucket}, " +
                          $"decode {IrGenerator.DecodeBucket}..MAX step {IrGenerator.DecodeBucket} (the FlightLLM artifact's buckets).",
        };
        var maxLen = new Option<int?>("--max-len")
        {
            Description = "MAX for --all (default: the model's max_position_embeddings, 2048 for LLaMA2-7B).",
        };
        var outDir = new Option<string>("--out")
        {
            Description = "Output folder; files are named {file_prefix}_{stage}_token_{L}.yaml as in the reference.",
            DefaultValueFactory = _ => DefaultOutDir,
        };

        var command = new Command("ir",
            "Generate the FlightLLM compiler IR (layer list YAML) for a model, stage and token length.\n\n" +
            "Examples:\n" +
            "  vhksim ir --model configs/models/llama2-7b.yaml --stage decode --tokens 512\n" +
            "  vhksim ir --model configs/models/llama2-7b.yaml --all                  # the 144 reference files\n" +
            "  vhksim ir --model configs/models/llama2-13b.yaml --all --stage prefill --max-len 2048 --out out/ir\n" +
            "  vhksim ir check .compiler_output/ir_output/*.yaml")
        {
            model, stage, tokens, all, maxLen, outDir,
        };
        var masks = new MaskOptions();
        masks.AddTo(command);
        command.SetAction(parse => ErrorBoundary.Run(() => Generate(
            parse.GetValue(model)!, parse.GetValue(stage), parse.GetValue(tokens), parse.GetValue(all),
            parse.GetValue(maxLen), parse.GetValue(outDir) ?? DefaultOutDir, masks.Read(parse))));
        command.Add(CreateCheck());
        return command;
    }

    private static Command CreateCheck()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "IR YAML files to read and validate.",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check",
            "Read and validate IR files (schema and shape rules of the FlightLLM generator); prints ok or the first error of each.")
        {
            files,
        };
        check.SetAction(parse => ErrorBoundary.Run(() => Check(parse.GetValue(files) ?? [])));
        return check;
    }

    private static int Generate(string modelPath, string? stageText, int? tokens, bool all, int? maxLen, string outDir, MaskOptions.Values masks)
    {
        var model = ModelDescriptionLoader.Load(modelPath);
        var generator = new IrGenerator(model);
        Stage? stage = stageText switch { "prefill" => Stage.Prefill, "decode" => Stage.Decode, _ => null };

        var jobs = new List<(Stage Stage, int Tokens)>();
        if (all)
        {
            if (tokens is not null) throw new InputException("--tokens and --all exclude each other: --all writes every bucket");
            int max = maxLen ?? model.MaxPositionEmbeddings;
            if (max > model.MaxPositionEmbeddings)
                throw new InputException($"--max-len {max} exceeds the model's max_position_embeddings {model.MaxPositionEmbeddings}");
            foreach (var s in stage is { } only ? [only] : new[] { Stage.Prefill, Stage.Decode })
                foreach (var l in IrGenerator.Buckets(s, max)) jobs.Add((s, l));
            if (jobs.Count == 0) throw new InputException($"--max-len {max} is below the smallest bucket; nothing to write");
        }
        else
        {
            if (maxLen is not null) throw new InputException("--max-len only applies with --all");
            if (stage is null || tokens is null)
                throw new InputException("give --stage prefill|decode and --tokens L, or --all (see vhksim ir --help)");
            generator.CheckTokens(stage.Value, tokens.Value);
            jobs.Add((stage.Value, tokens.Value));
        }

        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create the output folder: {e.Message}", outDir);
        }
        foreach (var (s, l) in jobs)
        {
            var program = generator.Generate(s, l);
            // The generator follows the reference rule; the check guards models the rule does not fit.
            IrValidator.Validate(program);
            var path = Path.Combine(outDir, generator.FileName(s, l));
            IrWriter.WriteFile(program, path);
            if (jobs.Count == 1) Console.WriteLine($"wrote {path} ({program.Layers.Count} layers)");
        }

        // Masks go beside the IR, as in the reference's ir_output/attention_mask.
        if (!masks.Skip)
        {
            var hw = HardwareConfigLoader.Load(masks.ConfigPath);
            var maskSet = masks.Generate(hw, model);
            var maskDir = Path.Combine(outDir, "attention_mask");
            maskSet.Save(maskDir);
            Console.WriteLine($"wrote {maskSet.LayerCount} synthetic masks ({maskSet.Heads}×{maskSet.Rows}×{maskSet.Cols}, density {masks.Density}, seed {masks.Seed}) to {maskDir}");
        }

        if (jobs.Count > 1)
        {
            var summary = jobs.GroupBy(j => j.Stage).Select(g =>
                $"{(g.Key == Stage.Prefill ? "prefill" : "decode")} {g.Count()} ({g.Min(j => j.Tokens)}..{g.Max(j => j.Tokens)})");
            Console.WriteLine($"wrote {jobs.Count} IR files for {model.Name} to {outDir}: {string.Join(", ", summary)}");
        }
        return ErrorBoundary.Ok;
    }

    private static int Check(string[] files)
    {
        int failed = 0;
        foreach (var f in files)
        {
            try
            {
                var p = IrReader.ReadFile(f);
                Console.WriteLine($"ok    {f} ({(p.Stage == Stage.Prefill ? "prefill" : "decode")}, L={p.Tokens}, {p.Layers.Count} layers)");
            }
            catch (InputException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                failed++;
            }
        }
        if (files.Length > 1) Console.WriteLine($"{files.Length - failed} ok, {failed} failed");
        return failed == 0 ? ErrorBoundary.Ok : ErrorBoundary.InputError;
    }
}
