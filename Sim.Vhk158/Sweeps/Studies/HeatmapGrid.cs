using Sim.Vhk158.Sweeps.Specs;

namespace Sim.Vhk158.Sweeps.Studies;

/// <summary>
/// A result column over two swept keys for one case: the keys' values in the spec's order and a
/// cell per pair (the baseline row left out). Where other keys vary too, a cell is the mean over
/// them (<see cref="Averaged"/>); a pair no valid point reached is empty.
/// </summary>
public sealed record HeatmapGrid(string XKey, string YKey, string Value, string Case, IReadOnlyList<string> Xs, IReadOnlyList<string> Ys, double?[,] Cells, bool Averaged)
{
    /// <summary>The spec's heatmap (default: its first two keys) for its first case, or null with fewer than two keys.</summary>
    public static HeatmapGrid? Of(SweepResults results, SweepSpec spec)
    {
        var xKey = spec.HeatmapX ?? (spec.Keys.Count >= 2 ? spec.Keys[0] : null);
        var yKey = spec.HeatmapY ?? spec.Keys.FirstOrDefault(k => k != xKey);
        if (xKey is null || yKey is null || xKey == yKey) return null;
        var @case = spec.Cases[0].ToString();
        int xc = results.Column(xKey), yc = results.Column(yKey), vc = results.Column(spec.HeatmapValue);
        int cc = results.Column(SweepColumns.Case), rc = results.Column(SweepColumns.Role);
        var xs = spec.Axes.First(a => a.Key == xKey).Values;
        var ys = spec.Axes.First(a => a.Key == yKey).Values;
        var sums = new double[xs.Count, ys.Count];
        var counts = new int[xs.Count, ys.Count];
        foreach (var r in results.Rows.Where(r => r[cc] == @case && r[rc] == SweepColumns.PointRole))
        {
            int i = IndexOf(xs, r[xc]), j = IndexOf(ys, r[yc]);
            if (i < 0 || j < 0 || SweepResults.Number(r[vc]) is not { } v) continue;
            sums[i, j] += v;
            counts[i, j]++;
        }
        var cells = new double?[xs.Count, ys.Count];
        bool averaged = false;
        for (int i = 0; i < xs.Count; i++)
        for (int j = 0; j < ys.Count; j++)
        {
            if (counts[i, j] > 0) cells[i, j] = sums[i, j] / counts[i, j];
            averaged |= counts[i, j] > 1;
        }
        return new HeatmapGrid(xKey, yKey, spec.HeatmapValue, @case, xs, ys, cells, averaged);
    }

    private static int IndexOf(IReadOnlyList<string> values, string v)
    {
        for (int i = 0; i < values.Count; i++) if (values[i] == v) return i;
        return -1;
    }
}
