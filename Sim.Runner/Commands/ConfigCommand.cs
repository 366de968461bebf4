using System.CommandLine;
using System.Text.RegularExpressions;
using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Config;
using Sim.Vhk158.ConfigChecks;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Memory;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim config check FILE</c>: load and validate a hardware config, compile every bucket up to
/// MAX_LEN and warn where it exceeds a real device; <c>vhksim config init [DIR]</c>: copy the
/// shipped configs out for editing.
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Command("config", "Hardware config tools: check a config, or copy the shipped ones out for editing.");
        config.Subcommands.Add(CheckCommand());
        config.Subcommands.Add(InitCommand());
        return config;
    }

    private static Command CheckCommand()
    {
        var file = new Argument<string>("file")
        {
            Description = "The hardware config YAML (configs/vhk158.yaml or the artifact's config.yaml).",
        };
        var model = new Option<string>("--model")
        {
            Description = $"Model description whose IR is compiled (default {WorkloadOptions.DefaultModel}).",
            DefaultValueFactory = _ => ShippedFiles.Resolve(WorkloadOptions.DefaultModel),
        };
        var noCompile = new Option<bool>("--no-compile") { Description = "Only load and validate; do not run the compiler's checks." };
        var jobs = JobsOption.Create();
        var check = new Command("check",
            "Load and validate a hardware config, then run the compiler (not the simulation) on every prefill " +
            "and decode bucket up to MAX_LEN on a one-block copy of the model, so what a run would reject is " +
            "rejected here, naming the key. Warns (exit 0) where the config needs more DSPs, on-chip memory or " +
            "HBM than a real device has (VHK158/XCVH1582, U280/XCU280), naming the device. Prints 'ok' " +
            "(exit 0), or each problem as 'error: FILE:LINE: message' (exit 1).\n\n" +
            "Example:\n  vhksim config check configs/vhk158.yaml");
        check.Arguments.Add(file);
        check.Options.Add(model);
        check.Options.Add(noCompile);
        check.Options.Add(jobs);
        check.SetAction(r => ErrorBoundary.Run(() =>
            Check(r.GetValue(file)!, r.GetValue(model)!, !r.GetValue(noCompile), r.GetValue(jobs))));
        return check;
    }

    private static Command InitCommand()
    {
        var dir = new Argument<string>("dir")
        {
            Description = "Folder to copy into (default: the working folder); the files go to DIR/configs/.",
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist." };
        var init = new Command("init",
            "Copy the configs, model descriptions and cases that ship with the tool into DIR/configs/ for editing. " +
            "Verbs run from DIR then use them instead of the shipped ones. Existing files are kept unless --force.\n\n" +
            "Example:\n  vhksim config init my-study && cd my-study && vhksim fpga");
        init.Arguments.Add(dir);
        init.Options.Add(force);
        init.SetAction(r => ErrorBoundary.Run(() => Init(r.GetValue(dir)!, r.GetValue(force))));
        return init;
    }

    private static int Check(string path, string modelPath, bool compile, int jobs)
    {
        var result = HardwareConfigLoader.Read(path);
        if (result.Ok && MachineModels.Check(result.Config!) is { } machineError)
            result = new ConfigLoadResult(null, [new ConfigError(path, null, machineError)]);
        if (result.Ok && MemoryModels.Check(result.Config!) is { } memoryError)
            result = new ConfigLoadResult(null, [new ConfigError(path, null, memoryError)]);
        if (result.Ok && Sim.Vhk158.Energy.EnergyModels.Check(result.Config!) is { } energyError)
            result = new ConfigLoadResult(null, [new ConfigError(path, null, energyError)]);
        if (result.Ok && compile)
            result = CompilerErrors(path, result.Config!, modelPath, jobs);
        if (!result.Ok)
        {
            foreach (var error in result.Errors)
                Console.Error.WriteLine($"error: {error}");
            return ErrorBoundary.InputError;
        }
        DebugKey.Warn(result.Config!);
        foreach (var exceeded in DeviceLimitCheck.Run(result.Config!))
            Console.Error.WriteLine($"warning: {path}: {exceeded}");
        Console.Out.WriteLine("ok");
        return ErrorBoundary.Ok;
    }

    /// <summary>The compiler's rejections as config errors on the line of the key they are put down to.</summary>
    private static ConfigLoadResult CompilerErrors(string path, HardwareConfig config, string modelPath, int jobs)
    {
        var model = ModelDescriptionLoader.Load(modelPath);
        var reference = ReferenceConfig(path);
        var rejections = new CompilerCheck(model).Run(config, reference, jobs);
        if (rejections.Count == 0) return new ConfigLoadResult(config, []);
        var lines = KeyLines(path);
        var errors = rejections.Select(j => new ConfigError(path,
            j.Keys.Select(k => lines.TryGetValue(k.Key, out var l) ? l : (int?)null).FirstOrDefault(l => l is not null),
            Describe(j, modelPath))).ToList();
        return new ConfigLoadResult(null, errors);
    }

    private static string Describe(CompileRejection j, string modelPath)
    {
        var stage = j.Stage == Stage.Prefill ? "prefill" : "decode";
        var keys = j.Keys.Count == 0 ? "" : string.Join(", ", j.Keys.Select(k => k.Key)) + ": ";
        var range = j.Failing == 1 ? $"{stage} {j.FirstTokens}" : $"{j.Failing} of {j.Total} {stage} buckets ({j.FirstTokens}..{j.LastTokens})";
        var fix = j.Keys.Where(k => k.ReferenceValue is not null).Select(k => $"{k.Key}: {k.ReferenceValue}").ToList();
        var hint = fix.Count > 0 ? $" (it compiles with the shipped config's {string.Join(" or ", fix)})" : "";
        return $"{keys}the compiler rejects {range} of {Path.GetFileName(modelPath)}: {j.Message}{hint}";
    }

    /// <summary>The shipped config, whose values show which key a rejection comes from; null where it cannot be read.</summary>
    private static HardwareConfig? ReferenceConfig(string checkedPath)
    {
        var shipped = ShippedFiles.Shipped(WorkloadOptions.DefaultConfig);
        var path = File.Exists(shipped) ? shipped : WorkloadOptions.DefaultConfig;
        if (!File.Exists(path)) return null;
        var result = HardwareConfigLoader.Read(path);
        return result.Ok ? result.Config : null;
    }

    /// <summary>The line of each top-level key in the file (1-based), for error locations.</summary>
    private static Dictionary<string, int> KeyLines(string path)
    {
        var lines = InputFile.ReadAllText(path, InputFile.SmallText, "hardware config").Split('\n');
        var found = new Dictionary<string, int>();
        for (int i = 0; i < lines.Length; i++)
            if (Regex.Match(lines[i], @"^([A-Z][A-Z0-9_]*)\s*:") is { Success: true } m)
                found.TryAdd(m.Groups[1].Value, i + 1);
        return found;
    }

    private static int Init(string dir, bool force)
    {
        var source = ShippedFiles.Shipped("configs");
        if (!Directory.Exists(source))
            throw new InputException($"the tool has no shipped configs at {source}: reinstall it, or run from the repository root");
        var target = Path.Combine(dir, "configs");
        int copied = 0, kept = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            if (File.Exists(to) && !force) { kept++; continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            AtomicFile.WriteAllBytes(to, File.ReadAllBytes(file));
            copied++;
        }
        Console.Out.WriteLine($"{target}: {copied} files copied" + (kept > 0 ? $", {kept} kept (use --force to overwrite)" : ""));
        return ErrorBoundary.Ok;
    }
}
