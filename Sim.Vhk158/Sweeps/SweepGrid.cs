using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps;

/// <summary>The cartesian product of the swept keys' values; the first key varies slowest.</summary>
public static class SweepGrid
{
    public static IReadOnlyList<SweepPoint> Points(IReadOnlyList<SweepAxis> axes)
    {
        if (axes.Count == 0) throw new InputException("a sweep needs at least one --set KEY=v1,v2,...");
        var repeated = axes.GroupBy(a => a.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new InputException($"--set names {repeated.Key} twice") { Hint = $"give all its values at once: --set {repeated.Key}=v1,v2,..." };
        IEnumerable<IReadOnlyList<(string, string)>> points = [[]];
        foreach (var axis in axes)
            points = points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<(string, string)>)[.. p, (axis.Key, v)]));
        return points.Select(p => new SweepPoint(p)).ToList();
    }
}
