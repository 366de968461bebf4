using System.Globalization;
using System.Security.Cryptography;
using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps.Sampling;
using Sim.Vhk158.Sweeps.Studies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Sweeps.Specs;

/// <summary>
/// Reads a sweep spec file. Fields it leaves out come from <c>defaults</c> (the command line's
/// options); paths are relative to the working folder, as on the command line. Every problem is
/// an <see cref="InputException"/> naming the file, the line and what was expected.
/// <code>
/// name: clock-vs-bandwidth          # optional: the folder name (else the spec's hash)
/// config: configs/vhk158.yaml
/// model: configs/models/llama2-7b.yaml
/// machine: reference                # optional: MACHINE.impl for every point
/// cases: ["16:16"]
/// axes:
///   CLOCK_FREQ_MHZ: [200, 225, 300]
///   HBM_BW_GB_PER_SEC: {from: 409.6, to: 1638.4, step: 409.6}
/// sampling: {method: lhs, samples: 20, seed: 7}   # grid (default), random or lhs
/// constraints: ["MV_START_N_NUM >= MV_PARALLEL_N"]
/// baseline: {CLOCK_FREQ_MHZ: 225}    # optional: keys set for the baseline point
/// pareto: {x: max decode_tokens_per_s, y: min dsp}
/// heatmap: {x: CLOCK_FREQ_MHZ, y: HBM_BW_GB_PER_SEC, value: decode_tokens_per_s}
/// </code>
/// </summary>
public static class SweepSpecReader
{
    private static readonly string[] Fields =
    [
        "name", "config", "config_sha256", "ir_dir", "model", "masks", "mask_seed", "mask_density", "machine", "cases", "axes",
        "sampling", "constraints", "baseline", "pareto", "heatmap",
    ];

    public static SweepSpec Load(string path, SweepSpec defaults)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(e is FileNotFoundException or DirectoryNotFoundException ? "sweep spec not found" : $"cannot read the sweep spec: {e.Message}", path);
        }
        return Parse(text, path, defaults);
    }

    public static SweepSpec Parse(string text, string file, SweepSpec defaults)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            throw new InputException($"not valid YAML: {e.Message}", file, (int)e.Start.Line);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InputException("expected a mapping of sweep fields (config, cases, axes, ...)", file, 1);

        var r = new Reader(file);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var spec = defaults;
        foreach (var (k, v) in root.Children)
        {
            var key = r.Scalar(k, "a field name");
            if (!seen.Add(key)) throw r.Error(k, $"'{key}' is given twice");
            spec = key switch
            {
                "name" => spec with { Name = r.Name(v) },
                "config" => spec with { Config = r.Scalar(v, "a config file path") },
                "config_sha256" => spec with { ConfigSha256 = r.Scalar(v, "the config's SHA-256") },
                "ir_dir" => spec with { IrDir = r.Scalar(v, "an IR folder") },
                "model" => spec with { Model = r.Scalar(v, "a model description path") },
                "masks" => spec with { Masks = r.Scalar(v, "a mask folder") },
                "mask_seed" => spec with { MaskSeed = r.UInt(v, "mask_seed") },
                "mask_density" => spec with { MaskDensity = r.Double(v, "mask_density") },
                "machine" => spec with { Machine = r.Scalar(v, "a machine model name") },
                "cases" => spec with { Cases = r.Cases(v) },
                "axes" => spec with { Axes = r.Axes(v) },
                "sampling" => spec with { Sampling = r.Sampling(v) },
                "constraints" => spec with { Constraints = r.Constraints(v) },
                "baseline" => spec with { Baseline = r.Settings(v, "baseline") },
                "pareto" => r.Pareto(v, spec),
                "heatmap" => r.Heatmap(v, spec),
                _ => throw new InputException($"unknown field '{key}'", file, (int)k.Start.Line) { Hint = $"a spec has the fields {string.Join(", ", Fields)}" },
            };
        }
        if (spec.Axes.Count == 0) throw new InputException("the spec has no axes: name at least one key and its values", file) { Hint = "axes: {CLOCK_FREQ_MHZ: [200, 225, 300]}" };
        foreach (var key in new[] { spec.HeatmapX, spec.HeatmapY }.OfType<string>())
            if (!spec.Keys.Contains(key)) throw new InputException($"heatmap: {key} is not one of the swept keys ({string.Join(", ", spec.Keys)})", file);
        foreach (var column in new[] { spec.ParetoX.Column, spec.ParetoY.Column, spec.HeatmapValue })
            if (!SweepColumns.Numeric.Contains(column))
                throw new InputException($"'{column}' is not a numeric result column", file) { Hint = $"one of {string.Join(", ", SweepColumns.Numeric)}" };
        return spec;
    }

    /// <summary>
    /// The spec as it will run: absolute paths and the config's SHA-256. A spec that already has
    /// a SHA (a resolved one, read back) must still match its config, so shards of one sweep
    /// never mix configs.
    /// </summary>
    public static SweepSpec Resolve(SweepSpec spec)
    {
        string? Abs(string? p) => p is null ? null : Path.GetFullPath(p);
        var config = Abs(spec.Config)!;
        string sha;
        try { sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(config))); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(e is FileNotFoundException or DirectoryNotFoundException ? "config file not found" : $"cannot read the config: {e.Message}", config);
        }
        if (spec.ConfigSha256 is { } stated && stated != sha)
            throw new InputException($"the config changed since this sweep was resolved (SHA-256 {sha[..12]}..., the spec says {stated[..Math.Min(12, stated.Length)]}...)", config)
            {
                Hint = "run the sweep from its original spec (or --set options) to start a new sweep for the changed config",
            };
        return spec with { Config = config, ConfigSha256 = sha, IrDir = Abs(spec.IrDir), Model = Abs(spec.Model)!, Masks = Abs(spec.Masks) };
    }

    /// <summary>A known config key, or MACHINE.impl / MACHINE.MODEL.OPTION; else an error with the closest key.</summary>
    public static string? UnknownKeyMessage(string key)
    {
        if (ConfigKeyTable.Find(key) is not null || (key.Contains('.') && ComponentSection.Known.Contains(key.Split('.')[0]))) return null;
        var near = ConfigKeyTable.Suggest(key) is { } s ? $" (did you mean '{s}'?)" : "";
        return $"unknown hardware config key '{key}'{near}";
    }

    private sealed class Reader(string file)
    {
        public InputException Error(YamlNode node, string message) => new(message, file, (int)node.Start.Line);

        public string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(node, $"expected {what}");

        public string Name(YamlNode node)
        {
            var name = Scalar(node, "a sweep name");
            if (!name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.') || name.StartsWith('.'))
                throw Error(node, $"name '{name}' must be letters, digits, '-', '_' or '.' (it names the sweep's folder)");
            return name;
        }

        public ulong UInt(YamlNode node, string field) =>
            ulong.TryParse(Scalar(node, field), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Error(node, $"{field}: expected a whole number >= 0");

        public double Double(YamlNode node, string field) =>
            double.TryParse(Scalar(node, field), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Error(node, $"{field}: expected a number");

        private YamlSequenceNode Sequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? throw Error(node, $"expected a list of {what}");

        private YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Error(node, $"expected a mapping of {what}");

        public IReadOnlyList<FpgaCase> Cases(YamlNode node)
        {
            var cases = Sequence(node, "cases PREFILL:DECODE").Children.Select(c =>
            {
                try { return FpgaCase.Parse(Scalar(c, "a case PREFILL:DECODE")); }
                catch (InputException e) when (e.File is null) { throw Error(c, e.Message); }
            }).ToList();
            return cases.Count > 0 ? cases : throw Error(node, "cases: give at least one case PREFILL:DECODE");
        }

        public IReadOnlyList<SweepAxis> Axes(YamlNode node)
        {
            var axes = new List<SweepAxis>();
            foreach (var (k, v) in Mapping(node, "config keys to their values").Children)
            {
                var key = Scalar(k, "a config key");
                if (UnknownKeyMessage(key) is { } unknown) throw Error(k, $"axes: {unknown}");
                if (axes.Any(a => a.Key == key)) throw Error(k, $"axes: {key} is given twice");
                var values = v is YamlMappingNode range ? Range(range, key) : Sequence(v, $"values of {key}").Children.Select(x => Scalar(x, $"a value of {key}")).ToList();
                if (values.Count == 0) throw Error(v, $"axes: {key} has no values");
                if (values.Distinct(StringComparer.Ordinal).Count() != values.Count) throw Error(v, $"axes: {key} repeats a value");
                axes.Add(new SweepAxis(key, values));
            }
            return axes;
        }

        /// <summary>from, to, step: decimal arithmetic, so 0.1 steps print as written.</summary>
        private List<string> Range(YamlMappingNode node, string key)
        {
            decimal Get(string field)
            {
                var n = node.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var f } && f == field).Value
                        ?? throw Error(node, $"axes: {key}: a range needs from, to and step");
                return decimal.TryParse(Scalar(n, field), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Error(n, $"axes: {key}: {field} must be a number");
            }
            foreach (var c in node.Children)
                if (c.Key is not YamlScalarNode { Value: "from" or "to" or "step" }) throw Error(c.Key, $"axes: {key}: a range has only from, to and step");
            decimal from = Get("from"), to = Get("to"), step = Get("step");
            if (step <= 0 || to < from) throw Error(node, $"axes: {key}: a range needs step > 0 and to >= from");
            if ((to - from) / step > 10_000) throw Error(node, $"axes: {key}: the range has more than 10,000 values");
            var values = new List<string>();
            for (decimal x = from; x <= to; x += step) values.Add((x / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
            return values;
        }

        public SweepSampling Sampling(YamlNode node)
        {
            if (node is YamlScalarNode s)
                return SweepSampling.Parse(Scalar(s, "a sampling method"), $"{file}:{s.Start.Line}") == SamplingMethod.Grid
                    ? SweepSampling.Grid : throw Error(node, "sampling: random and lhs need {method, samples, seed}");
            SamplingMethod? method = null;
            int samples = 0;
            ulong seed = 0;
            foreach (var (k, v) in Mapping(node, "method, samples and seed").Children)
            {
                switch (Scalar(k, "a sampling field"))
                {
                    case "method": method = SweepSampling.Parse(Scalar(v, "grid, random or lhs"), $"{file}:{v.Start.Line}"); break;
                    case "samples":
                        samples = int.TryParse(Scalar(v, "samples"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw Error(v, "sampling: samples must be a whole number >= 1");
                        break;
                    case "seed": seed = UInt(v, "sampling: seed"); break;
                    default: throw Error(k, "sampling: expected method, samples and seed");
                }
            }
            if (method is null) throw Error(node, "sampling: method is missing (grid, random or lhs)");
            if (method == SamplingMethod.Grid) return SweepSampling.Grid;
            return samples > 0 ? new SweepSampling(method.Value, samples, seed) : throw Error(node, "sampling: random and lhs need samples");
        }

        public IReadOnlyList<string> Constraints(YamlNode node) =>
            Sequence(node, "constraints").Children.Select(c =>
            {
                var text = Scalar(c, "a constraint such as MV_START_N_NUM >= MV_PARALLEL_N");
                try
                {
                    var expr = ConstraintExpression.Parse(text);
                    foreach (var key in expr.Keys)
                        if (UnknownKeyMessage(key) is { } unknown) throw Error(c, $"constraint '{text}': {unknown}");
                }
                catch (InputException e) when (e.File is null) { throw new InputException(e.Message, file, (int)c.Start.Line) { Hint = e.Hint }; }
                return text;
            }).ToList();

        public IReadOnlyList<(string, string)> Settings(YamlNode node, string field) =>
            Mapping(node, "config keys to values").Children.Select(kv =>
            {
                var key = Scalar(kv.Key, "a config key");
                if (UnknownKeyMessage(key) is { } unknown) throw Error(kv.Key, $"{field}: {unknown}");
                return (key, Scalar(kv.Value, $"a value for {key}"));
            }).ToList();

        public SweepSpec Pareto(YamlNode node, SweepSpec spec)
        {
            foreach (var (k, v) in Mapping(node, "x and y").Children)
            {
                var field = Scalar(k, "x or y");
                var objective = ParetoObjective.Parse(Scalar(v, "'max COLUMN' or 'min COLUMN'"), $"{file}:{v.Start.Line}: pareto.{field}");
                spec = field switch
                {
                    "x" => spec with { ParetoX = objective },
                    "y" => spec with { ParetoY = objective },
                    _ => throw Error(k, "pareto: expected x and y"),
                };
            }
            return spec;
        }

        public SweepSpec Heatmap(YamlNode node, SweepSpec spec)
        {
            foreach (var (k, v) in Mapping(node, "x, y and value").Children)
            {
                var value = Scalar(v, "a column");
                spec = Scalar(k, "x, y or value") switch
                {
                    "x" => spec with { HeatmapX = value },
                    "y" => spec with { HeatmapY = value },
                    "value" => spec with { HeatmapValue = value },
                    _ => throw Error(k, "heatmap: expected x, y and value"),
                };
            }
            return spec;
        }
    }
}
