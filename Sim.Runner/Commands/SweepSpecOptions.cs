using System.CommandLine;
using Sim.Core.Errors;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Specs;

namespace Sim.Runner.Commands;

/// <summary>
/// How <c>vhksim sweep</c> and <c>vhksim sweep submit</c> say what to sweep: a spec file
/// (<c>--spec</c>), <c>--set KEY=v1,v2,...</c> axes, or both (--set adds axes to the spec, or
/// replaces one of the same key). Options given on the command line win over the spec's fields.
/// </summary>
public sealed class SweepSpecOptions
{
    public SweepSpecOptions(string outDescription)
    {
        Simulation = new SimulationOptions(outDescription);
    }

    public SimulationOptions Simulation { get; }
    public CaseOptions Cases { get; } = new([new FpgaCase(128, 512)]);
    public Option<string[]> Set { get; } = new("--set") { Description = "A config key and its values, KEY=v1,v2,... (repeatable: the grid is every combination)." };
    public Option<string?> Spec { get; } = new("--spec") { Description = "A sweep spec (YAML): base config, cases, machine, axes, sampling (grid, random, lhs), constraints, baseline, Pareto and heatmap columns." };
    public Option<string?> Name { get; } = new("--name") { Description = "The sweep's name: its folder OUT/sweeps/NAME (default: the spec's name, else its hash)." };

    public void AddTo(Command command)
    {
        Simulation.AddTo(command);
        Cases.AddTo(command);
        command.Options.Add(Set);
        command.Options.Add(Spec);
        command.Options.Add(Name);
    }

    /// <summary>The spec the options describe (not yet resolved).</summary>
    public SweepSpec Read(ParseResult r)
    {
        var w = Simulation.Workload;
        bool Given(Option o) => r.GetResult(o) is { Implicit: false };
        var fromOptions = new SweepSpec
        {
            Config = r.GetValue(w.Config)!,
            Model = r.GetValue(w.Model)!,
            IrDir = r.GetValue(w.IrDir),
            Masks = r.GetValue(w.Masks),
            MaskSeed = r.GetValue(w.Synthetic.Seed),
            MaskDensity = r.GetValue(w.Synthetic.Density),
            Cases = Cases.Read(r),
            Axes = [],
        };
        var axes = (r.GetValue(Set) ?? []).Select(SweepAxis.Parse).ToList();
        foreach (var axis in axes) CheckKey(axis.Key);
        SweepGrid.Points(axes.Count > 0 ? axes : [new SweepAxis("CLOCK_FREQ_MHZ", ["1"])]); // a key given twice is an error here too

        SweepSpec spec;
        if (r.GetValue(Spec) is { } file)
        {
            spec = SweepSpecReader.Load(file, fromOptions with { Axes = axes.Count > 0 ? axes : [] });
            spec = spec with
            {
                Config = Given(w.Config) ? fromOptions.Config : spec.Config,
                Model = Given(w.Model) ? fromOptions.Model : spec.Model,
                IrDir = Given(w.IrDir) ? fromOptions.IrDir : spec.IrDir,
                Masks = Given(w.Masks) ? fromOptions.Masks : spec.Masks,
                MaskSeed = Given(w.Synthetic.Seed) ? fromOptions.MaskSeed : spec.MaskSeed,
                MaskDensity = Given(w.Synthetic.Density) ? fromOptions.MaskDensity : spec.MaskDensity,
                Cases = Given(Cases.Cases) || Given(Cases.CaseFile) ? fromOptions.Cases : spec.Cases,
                Axes = [.. spec.Axes.Select(a => axes.FirstOrDefault(x => x.Key == a.Key) ?? a), .. axes.Where(x => spec.Axes.All(a => a.Key != x.Key))],
            };
        }
        else
        {
            if (axes.Count == 0)
                throw new InputException("a sweep needs --spec FILE or at least one --set KEY=v1,v2,...") { Hint = "for example --set CLOCK_FREQ_MHZ=200,225,300" };
            spec = fromOptions with { Axes = axes };
        }
        if (r.GetValue(Name) is { } name)
        {
            if (name.Length == 0 || name.StartsWith('.') || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
                throw new InputException($"--name '{name}' must be letters, digits, '-', '_' or '.' (it names the sweep's folder)");
            spec = spec with { Name = name };
        }
        return spec;
    }

    private static void CheckKey(string key)
    {
        if (SweepSpecReader.UnknownKeyMessage(key) is { } message)
            throw new InputException($"--set {key}: {message}")
            {
                Hint = "any key of the config file can be swept, e.g. CLOCK_FREQ_MHZ or HBM_BW_GB_PER_SEC (see configs/vhk158.yaml)",
            };
    }
}
