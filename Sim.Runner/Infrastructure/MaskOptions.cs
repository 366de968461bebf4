using System.CommandLine;
using Sim.Vhk158.Config;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Synthetic;
using Sim.Workloads.Models;

namespace Sim.Runner.Infrastructure;

/// <summary>The synthetic-mask options shared by the verbs that generate IR or masks.</summary>
public sealed class MaskOptions
{
    public Option<ulong> Seed { get; } = new("--mask-seed") { Description = "Seed of the synthetic masks (default 1).", DefaultValueFactory = _ => 1UL };
    public Option<double> Density { get; } = new("--mask-density") { Description = "Causal density of the synthetic masks (default 0.30, as the reference).", DefaultValueFactory = _ => 0.30 };
    public Option<string> Config { get; } = new("--config") { Description = $"Hardware config giving MAX_LEN and the mask block size (default {WorkloadOptions.DefaultConfig}).", DefaultValueFactory = _ => ShippedFiles.Resolve(WorkloadOptions.DefaultConfig) };
    public Option<bool> NoMasks { get; } = new("--no-masks") { Description = "Write the IR only, without attention_mask/." };

    /// <summary>The values given on one command line.</summary>
    public sealed record Values(ulong Seed, double Density, string ConfigPath, bool Skip)
    {
        public SyntheticMaskOptions Options(HardwareConfig config, ModelDescription model) =>
            SyntheticMaskOptions.ForModel(model, config.MaxLen, config.MaskLayoutBlockSize) with { Seed = Seed, TargetDensity = Density };

        public MaskSet Generate(HardwareConfig config, ModelDescription model) => SyntheticMaskGenerator.Generate(Options(config, model));
    }

    public void AddTo(Command command, bool withConfig = true, bool withSkip = true)
    {
        command.Options.Add(Seed);
        command.Options.Add(Density);
        if (withConfig) command.Options.Add(Config);
        if (withSkip) command.Options.Add(NoMasks);
    }

    public Values Read(ParseResult r) => new(r.GetValue(Seed), r.GetValue(Density), r.GetValue(Config) ?? ShippedFiles.Resolve(WorkloadOptions.DefaultConfig), r.GetValue(NoMasks));
}
