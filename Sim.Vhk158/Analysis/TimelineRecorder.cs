using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// An observer that keeps, per unit, the busy runs of the
/// <see cref="Timeline"/> merging rule instead of every instruction, so a prefill bucket of
/// millions of instructions stays small. With <paramref name="mergeGap"/> 0 (the default) only
/// back-to-back instructions merge, which loses nothing: each run is exactly busy.
/// </summary>
/// <param name="layers">record only the groups of these decoder blocks (null: all)</param>
/// <param name="mergeGap">largest idle gap (ms) merged into a run while recording</param>
public sealed class TimelineRecorder(LayerRange? layers = null, double mergeGap = 0) : RunObserver
{
    private List<BusyRun>[] _runs = [];
    private IReadOnlyList<UnitInfo> _units = [];
    private readonly List<TimelineGroup> _groups = [];
    private readonly List<bool> _selected = [];
    private double _first = double.PositiveInfinity, _last = double.NegativeInfinity;

    public override void Start(MachineLayout layout)
    {
        _units = layout.Units;
        _runs = layout.Units.Select(_ => new List<BusyRun>()).ToArray();
    }

    public override void BeginGroup(LayerGroup group)
    {
        var name = group.Layer.Name;
        _groups.Add(new TimelineGroup(group.Index, name, LayerKinds.Of(group), LayerRange.BlockOf(name)));
        _selected.Add(layers is null || layers.Contains(name));
    }

    public override void Executed(int unit, in Instruction instruction, double start, double duration, int group)
    {
        if (!_selected[group]) return;
        double end = start + duration;
        Timeline.Append(_runs[unit], new BusyRun(start, end, duration, group, 1), mergeGap);
        if (start < _first) _first = start;
        if (end > _last) _last = end;
    }

    /// <summary>
    /// The recorded timeline. Its window is [0, <paramref name="totalMs"/>] without a layer range,
    /// else the selected groups' first start to last end (empty at 0 when none ran).
    /// </summary>
    public Timeline Build(double totalMs)
    {
        // Counter units (bytes, MACs) are totals, not busy time: no row of their own.
        var shown = Enumerable.Range(0, _units.Count).Where(u => _units[u].Kind != UnitInfo.CounterKind).ToArray();
        var runs = shown.Select(u => _runs[u].ToArray()).ToArray();
        var units = shown.Select(u => _units[u]).ToArray();
        var (start, end) = layers is null ? (0.0, totalMs)
            : _first <= _last ? (_first, _last) : (0.0, 0.0);
        return new Timeline(runs, units, _groups.ToArray(), start, end, totalMs, mergeGap);
    }
}
