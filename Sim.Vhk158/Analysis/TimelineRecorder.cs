using Sim.Vhk158.Compiler;
using Sim.Vhk158.Hardware;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// An <see cref="IInstructionTrace"/> that keeps, per module, the busy runs of the
/// <see cref="Timeline"/> merging rule instead of every instruction, so a prefill bucket of
/// millions of instructions stays small. With <paramref name="mergeGap"/> 0 (the default) only
/// back-to-back instructions merge, which loses nothing: each run is exactly busy.
/// </summary>
/// <param name="layers">record only the groups of these decoder blocks (null: all)</param>
/// <param name="mergeGap">largest idle gap (ms) merged into a run while recording</param>
public sealed class TimelineRecorder(LayerRange? layers = null, double mergeGap = 0) : IInstructionTrace
{
    private readonly List<BusyRun>[] _runs = Enumerable.Range(0, ModuleSet.Count).Select(_ => new List<BusyRun>()).ToArray();
    private readonly List<TimelineGroup> _groups = [];
    private readonly List<bool> _selected = [];
    private double _first = double.PositiveInfinity, _last = double.NegativeInfinity;

    public void BeginGroup(LayerGroup group)
    {
        var name = group.Layer.Name;
        _groups.Add(new TimelineGroup(group.Index, name, LayerKinds.Of(group), LayerRange.BlockOf(name)));
        _selected.Add(layers is null || layers.Contains(name));
    }

    public void Record(Module module, double start, double end, int group)
    {
        if (!_selected[group]) return;
        Timeline.Append(_runs[(int)module], new BusyRun(start, end, end - start, group, 1), mergeGap);
        if (start < _first) _first = start;
        if (end > _last) _last = end;
    }

    /// <summary>
    /// The recorded timeline. Its window is [0, <paramref name="totalMs"/>] without a layer range,
    /// else the selected groups' first start to last end (empty at 0 when none ran).
    /// </summary>
    public Timeline Finish(double totalMs)
    {
        var runs = _runs.Select(r => r.ToArray()).ToArray();
        var (start, end) = layers is null ? (0.0, totalMs)
            : _first <= _last ? (_first, _last) : (0.0, 0.0);
        return new Timeline(runs, _groups.ToArray(), start, end, totalMs, mergeGap);
    }
}
