using System.CommandLine;
using Sim.Vhk158.Config;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Synthetic;
using Sim.Workloads.Models;
using Sim.Workloads.Sources;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// The options every simulating verb shares: which hardware config, and where IR and masks come
/// from (an artifact-style IR folder, or the generator with given or synthetic masks).
/// </summary>
public sealed class WorkloadOptions
{
    public const string DefaultConfig = "configs/vhk158.yaml";
    public const string DefaultModel = "configs/models/llama2-7b.yaml";

    public Option<string> Config { get; } = new("--config") { Description = "Hardware config YAML; the default is the working folder's copy, else the one shipped with the tool.", DefaultValueFactory = _ => ShippedFiles.Resolve(DefaultConfig) };
    public Option<string?> IrDir { get; } = new("--ir-dir") { Description = "Folder laid out like the artifact's ir_output (IR files + attention_mask/). Without it, IR is generated from --model." };
    public Option<string> Model { get; } = new("--model") { Description = "Model description for generated IR; the default is the working folder's copy, else the one shipped with the tool.", DefaultValueFactory = _ => ShippedFiles.Resolve(DefaultModel) };
    public Option<string?> Masks { get; } = new("--masks") { Description = "Folder of attention_mask_{i}.mask.npy files for generated IR (default: synthetic masks)." };
    public MaskOptions Synthetic { get; } = new();

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Config, IrDir, Model, Masks }) command.Options.Add(o);
        Synthetic.AddTo(command, withConfig: false, withSkip: false);
    }

    public HardwareConfig LoadConfig(ParseResult r) => HardwareConfigLoader.Load(r.GetValue(Config)!);

    /// <summary>The model's name as GPU results and reports spell it (from --model; the artifact's IR is LLaMA2-7B's).</summary>
    public string ModelName(ParseResult r) => ModelDescriptionLoader.Load(r.GetValue(Model)!).Name;

    /// <summary>Where the simulation's inputs came from, for report footers.</summary>
    public string Describe(ParseResult r)
    {
        var ir = r.GetValue(IrDir) is { } dir
            ? $"IR and masks from {dir}"
            : $"IR generated from {r.GetValue(Model)}, " + (r.GetValue(Masks) is { } m
                ? $"masks from {m}"
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"synthetic masks (seed {r.GetValue(Synthetic.Seed)}, density {r.GetValue(Synthetic.Density)})"));
        return $"config {r.GetValue(Config)}; {ir}";
    }

    /// <summary>
    /// Sources for many configs (a sweep's points): files, the model and given masks are read
    /// once; synthetic masks are made once per mask shape the configs ask for.
    /// </summary>
    public Func<HardwareConfig, IWorkloadSource> SourceFactory(ParseResult r)
    {
        var irDir = r.GetValue(IrDir);
        if (irDir is not null)
        {
            var shared = new IrDirectorySource(irDir);
            return _ => shared;
        }
        var model = ModelDescriptionLoader.Load(r.GetValue(Model)!);
        var maskDir = r.GetValue(Masks);
        if (maskDir is not null)
        {
            var shared = new GeneratedSource(model, MaskSet.Load(maskDir, model.NumHiddenLayers));
            return _ => shared;
        }
        var synthetic = Synthetic.Read(r);
        var byShape = new Dictionary<SyntheticMaskOptions, GeneratedSource>();
        return config =>
        {
            var options = synthetic.Options(config, model);
            if (!byShape.TryGetValue(options, out var source))
                byShape[options] = source = GeneratedSource.WithMasksOnFirstUse(model, () => SyntheticMaskGenerator.Generate(options));
            return source;
        };
    }

    public IWorkloadSource Source(ParseResult r, HardwareConfig config)
    {
        var irDir = r.GetValue(IrDir);
        if (irDir is not null) return new IrDirectorySource(irDir);
        var model = ModelDescriptionLoader.Load(r.GetValue(Model)!);
        var maskDir = r.GetValue(Masks);
        if (maskDir is not null) return new GeneratedSource(model, MaskSet.Load(maskDir, model.NumHiddenLayers));
        // Synthetic masks are made when a prefill bucket first reads them (start-up of decode verbs).
        var options = Synthetic.Read(r).Options(config, model);
        options.Validate();
        return GeneratedSource.WithMasksOnFirstUse(model, () => SyntheticMaskGenerator.Generate(options));
    }
}
