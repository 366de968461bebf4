using OxyPlot;
using Sim.Vhk158.Analysis;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Runner.Plots;

/// <summary>
/// Fixed colours, so one layer kind or one module has the same colour in every plot: the known
/// layer kinds each have their own, any other kind takes the spare colours in order of appearance.
/// </summary>
public sealed class Palette
{
    private static readonly Dictionary<string, OxyColor> KnownKinds = new()
    {
        ["layernorm"] = OxyColor.Parse("#9467bd"),
        ["linear+rope"] = OxyColor.Parse("#1f77b4"),
        ["linear"] = OxyColor.Parse("#17becf"),
        ["concat"] = OxyColor.Parse("#7f7f7f"),
        ["attention+softmax"] = OxyColor.Parse("#d62728"),
        ["attention"] = OxyColor.Parse("#ff9896"),
        ["linear+eltwise"] = OxyColor.Parse("#2ca02c"),
        ["linear+silu"] = OxyColor.Parse("#ff7f0e"),
        ["eltwise"] = OxyColor.Parse("#bcbd22"),
        ["softmax"] = OxyColor.Parse("#e377c2"),
        ["silu"] = OxyColor.Parse("#8c564b"),
    };

    private static readonly OxyColor[] Spare = new[] { "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#5254a3" }.Select(OxyColor.Parse).ToArray();

    // Dark2: set apart from the kind colours, one per module row.
    private static readonly OxyColor[] Modules = new[] { "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d" }.Select(OxyColor.Parse).ToArray();

    private readonly Dictionary<string, OxyColor> _extra = [];

    public OxyColor Kind(string kind)
    {
        if (KnownKinds.TryGetValue(kind, out var c) || _extra.TryGetValue(kind, out c)) return c;
        c = Spare[_extra.Count % Spare.Length];
        _extra[kind] = c;
        return c;
    }

    public static OxyColor Module(Module module) => Modules[(int)module];

    /// <summary>A unit's line colour: its module's, else one by its position.</summary>
    public static OxyColor Unit(UnitInfo unit, int index) =>
        unit.Module is { } module ? Module(module) : Spare[index % Spare.Length];

    /// <summary>Kinds in legend order: the known ones in decoder-block order, then the others as given.</summary>
    public static IReadOnlyList<string> LegendOrder(IEnumerable<string> kinds)
    {
        var present = kinds.ToList();
        return LayerKinds.Known.Where(present.Contains).Concat(present.Where(k => !LayerKinds.Known.Contains(k))).ToList();
    }
}
