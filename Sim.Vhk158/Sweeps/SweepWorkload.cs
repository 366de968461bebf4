using Sim.Vhk158.Config;
using Sim.Vhk158.Sweeps.Specs;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Synthetic;
using Sim.Workloads.Models;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Sweeps;

/// <summary>
/// The IR and masks a spec's points run on: an artifact-style IR folder, or IR generated from
/// the model with given masks or synthetic ones (made once per mask shape the points ask for).
/// The same choices as the simulating verbs' options, read from the spec so every shard of a
/// sweep, wherever it runs, sees the same workload.
/// </summary>
public static class SweepWorkload
{
    public static Func<HardwareConfig, IWorkloadSource> SourceFactory(SweepSpec spec)
    {
        if (spec.IrDir is { } irDir)
        {
            var shared = new IrDirectorySource(irDir);
            return _ => shared;
        }
        var model = ModelDescriptionLoader.Load(spec.Model);
        if (spec.Masks is { } maskDir)
        {
            var shared = new GeneratedSource(model, MaskSet.Load(maskDir, model.NumHiddenLayers));
            return _ => shared;
        }
        var byShape = new Dictionary<SyntheticMaskOptions, GeneratedSource>();
        var gate = new Lock();
        return config =>
        {
            var options = SyntheticMaskOptions.ForModel(model, config.MaxLen, config.MaskLayoutBlockSize) with { Seed = spec.MaskSeed, TargetDensity = spec.MaskDensity };
            lock (gate)
            {
                if (!byShape.TryGetValue(options, out var source))
                    byShape[options] = source = new GeneratedSource(model, SyntheticMaskGenerator.Generate(options));
                return source;
            }
        };
    }
}
