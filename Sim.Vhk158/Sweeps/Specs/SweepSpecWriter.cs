using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Vhk158.Sweeps.Sampling;

namespace Sim.Vhk158.Sweeps.Specs;

/// <summary>
/// A spec as canonical YAML (every field, fixed order, strings double-quoted), and its hash: the
/// SHA-256 of that text without the name, so equal sweeps hash equal whatever they are called.
/// Reading the text back gives the same spec, hence the same text and hash.
/// </summary>
public static class SweepSpecWriter
{
    public static string Write(SweepSpec s) => Header + (s.Name is null ? "" : $"name: {Q(s.Name)}\n") + Body(s);

    public static string Hash(SweepSpec s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body(s))));

    private const string Header = "# vhksim sweep spec, resolved: every path absolute, every default written out.\n" +
                                  "# Run it again with: vhksim sweep --spec THIS_FILE\n";

    private static string Body(SweepSpec s)
    {
        var b = new StringBuilder();
        b.Append("config: ").Append(Q(s.Config)).Append('\n');
        if (s.ConfigSha256 is not null) b.Append("config_sha256: ").Append(Q(s.ConfigSha256)).Append('\n');
        if (s.IrDir is not null) b.Append("ir_dir: ").Append(Q(s.IrDir)).Append('\n');
        b.Append("model: ").Append(Q(s.Model)).Append('\n');
        if (s.Masks is not null) b.Append("masks: ").Append(Q(s.Masks)).Append('\n');
        b.Append("mask_seed: ").Append(s.MaskSeed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        b.Append("mask_density: ").Append(s.MaskDensity.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        if (s.Machine is not null) b.Append("machine: ").Append(Q(s.Machine)).Append('\n');
        b.Append("cases: [").Append(string.Join(", ", s.Cases.Select(c => Q(c.ToString())))).Append("]\n");
        b.Append("axes:\n");
        foreach (var a in s.Axes) b.Append("  ").Append(Q(a.Key)).Append(": [").Append(string.Join(", ", a.Values.Select(Q))).Append("]\n");
        b.Append("sampling: {method: ").Append(SweepSampling.Name(s.Sampling.Method));
        if (s.Sampling.Method != SamplingMethod.Grid)
            b.Append(", samples: ").Append(s.Sampling.Samples.ToString(CultureInfo.InvariantCulture))
             .Append(", seed: ").Append(s.Sampling.Seed.ToString(CultureInfo.InvariantCulture));
        b.Append("}\n");
        b.Append("constraints: [").Append(string.Join(", ", s.Constraints.Select(Q))).Append("]\n");
        b.Append("baseline: {").Append(string.Join(", ", s.Baseline.Select(kv => $"{Q(kv.Key)}: {Q(kv.Value)}"))).Append("}\n");
        b.Append("pareto: {x: ").Append(Q(s.ParetoX.ToString())).Append(", y: ").Append(Q(s.ParetoY.ToString())).Append("}\n");
        b.Append("heatmap: {");
        if (s.HeatmapX is not null) b.Append("x: ").Append(Q(s.HeatmapX)).Append(", ");
        if (s.HeatmapY is not null) b.Append("y: ").Append(Q(s.HeatmapY)).Append(", ");
        b.Append("value: ").Append(Q(s.HeatmapValue)).Append("}\n");
        return b.ToString();
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Q(string text)
    {
        var b = new StringBuilder("\"");
        foreach (char ch in text)
        {
            if (ch is '"' or '\\') b.Append('\\').Append(ch);
            else if (ch < ' ') b.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:x2}");
            else b.Append(ch);
        }
        return b.Append('"').ToString();
    }
}
