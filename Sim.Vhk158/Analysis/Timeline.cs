using System.Runtime.InteropServices;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Analysis;

/// <summary>
/// Per-unit busy runs of one simulated bucket (or of the decoder blocks a
/// <see cref="LayerRange"/> selects), with the layer groups they belong to.
/// </summary>
/// <remarks>
/// Merging rule: two consecutive instructions (or runs) of one unit join one run when they
/// belong to the same layer group and the idle gap between them is at most
/// <see cref="MergeGap"/> ms. Runs never cross a group, so a run has one layer and one colour.
/// Merging with a gap G after recording with a smaller gap gives the same runs as recording
/// with G directly, so a lossless recording can be coarsened for each view.
/// </remarks>
public sealed class Timeline
{
    private readonly BusyRun[][] _runs;

    public Timeline(BusyRun[][] runs, IReadOnlyList<UnitInfo> units, IReadOnlyList<TimelineGroup> groups, double start, double end, double totalMs, double mergeGap)
    {
        if (runs.Length != units.Count) throw new ArgumentException($"expected {units.Count} units, got {runs.Length}", nameof(runs));
        _runs = runs;
        Units = units;
        Groups = groups;
        Start = start;
        End = end;
        TotalMs = totalMs;
        MergeGap = mergeGap;
    }

    /// <summary>The machine's units (the rows of a timeline), as the machine listed them.</summary>
    public IReadOnlyList<UnitInfo> Units { get; }

    /// <summary>Every group of the program (selected or not), by index.</summary>
    public IReadOnlyList<TimelineGroup> Groups { get; }

    /// <summary>The window shown: the whole run [0, total], or the selected blocks' first start to last end.</summary>
    public double Start { get; }
    public double End { get; }
    public double Span => End - Start;

    /// <summary>Latency of the whole bucket (ms), whatever was selected.</summary>
    public double TotalMs { get; }

    /// <summary>The largest idle gap (ms) merged into a run.</summary>
    public double MergeGap { get; }

    public IReadOnlyList<BusyRun> Runs(int unit) => _runs[unit];

    public int RunCount => _runs.Sum(r => r.Length);

    /// <summary>Busy time (sum of instruction durations) of a unit inside the selection.</summary>
    public double BusyMs(int unit) => _runs[unit].Sum(r => r.Busy);

    public long Instructions(int unit) => _runs[unit].Sum(r => (long)r.Count);

    public bool IsEmpty => _runs.All(r => r.Length == 0);

    /// <summary>The kinds present, in first-appearance order over time.</summary>
    public IReadOnlyList<string> Kinds()
    {
        var used = new SortedSet<int>();
        foreach (var module in _runs) foreach (var r in module) used.Add(r.Group);
        return used.Select(g => Groups[g].Kind).Distinct().ToList();
    }

    /// <summary>The same timeline with runs merged across idle gaps up to <paramref name="gap"/> ms.</summary>
    public Timeline Merge(double gap)
    {
        if (gap <= MergeGap) return this;
        var merged = new BusyRun[_runs.Length][];
        for (int m = 0; m < merged.Length; m++)
        {
            var list = new List<BusyRun>();
            foreach (var run in _runs[m]) Append(list, run, gap);
            merged[m] = list.ToArray();
        }
        return new Timeline(merged, Units, Groups, Start, End, TotalMs, gap);
    }

    /// <summary>Adds <paramref name="run"/> to <paramref name="runs"/>, extending the last run when the rule allows.</summary>
    internal static void Append(List<BusyRun> runs, BusyRun run, double gap)
    {
        if (runs.Count > 0)
        {
            ref var last = ref CollectionsMarshal.AsSpan(runs)[^1];
            if (last.Group == run.Group && run.Start - last.End <= gap)
            {
                last = new BusyRun(last.Start, Math.Max(last.End, run.End), last.Busy + run.Busy, last.Group, last.Count + run.Count);
                return;
            }
        }
        runs.Add(run);
    }
}
