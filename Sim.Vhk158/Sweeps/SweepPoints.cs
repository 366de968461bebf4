using System.Globalization;
using Sim.Vhk158.Config;
using Sim.Vhk158.Sweeps.Sampling;
using Sim.Vhk158.Sweeps.Specs;

namespace Sim.Vhk158.Sweeps;

/// <summary>
/// The points a spec evaluates, numbered: point 0 is the baseline (the base config with the
/// spec's baseline keys set; the swept keys shown at their base values), then the sampled
/// points that satisfy every constraint, in sampling order. Shards slice this list.
/// </summary>
public sealed record SweepPoints(IReadOnlyList<SweepPoint> All, int Sampled, IReadOnlyList<(SweepPoint Point, string Constraint)> Excluded)
{
    public const int BaselineIndex = 0;

    public SweepPoint Baseline => All[BaselineIndex];

    public static SweepPoints For(SweepSpec spec, HardwareConfig baseConfig)
    {
        var entries = HardwareConfigLoader.Entries(baseConfig).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var constraints = spec.Constraints.Select(ConstraintExpression.Parse).ToList();
        var sampled = SweepSampler.Points(spec.Axes, spec.Sampling);
        var kept = new List<SweepPoint>();
        var excluded = new List<(SweepPoint, string)>();
        foreach (var point in sampled)
        {
            double? Value(string key)
            {
                var text = point.Settings.FirstOrDefault(s => s.Key == key).Value ?? entries.GetValueOrDefault(key);
                return Number(text);
            }
            var broken = constraints.FirstOrDefault(c => !c.Holds(Value));
            if (broken is null) kept.Add(point);
            else excluded.Add((point, broken.Text));
        }
        var baseline = new List<(string, string)>();
        foreach (var key in spec.Keys)
            if ((spec.Baseline.FirstOrDefault(b => b.Key == key).Value ?? entries.GetValueOrDefault(key)) is { } value)
                baseline.Add((key, value)); // a MACHINE option the base config leaves unset stays unset
        baseline.AddRange(spec.Baseline.Where(b => !spec.Keys.Contains(b.Key)));
        return new SweepPoints([new SweepPoint(baseline), .. kept], sampled.Count, excluded);
    }

    private static double? Number(string? text) => text switch
    {
        null => null,
        "True" or "true" => 1,
        "False" or "false" => 0,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
    };
}
