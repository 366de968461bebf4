using Sim.Core.Errors;
using Sim.Core.IO;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Config;

/// <summary>
/// Loads a hardware config (the reference's <c>config.yaml</c> or <c>configs/vhk158.yaml</c>) and
/// validates it. Every problem is reported with the file and line: unknown keys (with the closest
/// known key), missing keys, wrong types, duplicates, malformed YAML and failed config rules.
/// </summary>
public static class HardwareConfigLoader
{
    /// <summary>The validated config; throws <see cref="InputException"/> listing every problem.</summary>
    public static HardwareConfig Load(string path) => Read(path).GetOrThrow();

    /// <summary>Like <see cref="Load"/> but returns the problems instead of throwing (for <c>config check</c>).</summary>
    public static ConfigLoadResult Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            return new ConfigLoadResult(null, [new ConfigError(path, null, "file not found")]);
        string yaml;
        try
        {
            yaml = InputFile.ReadAllText(path, InputFile.SmallText, "config file");
        }
        catch (InputException e)
        {
            // The message already starts with the file; the error names it once.
            var reason = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            return new ConfigLoadResult(null, [new ConfigError(path, null, reason)]);
        }
        return Parse(yaml, path);
    }

    /// <summary>Loads config text; <paramref name="file"/> names it in messages.</summary>
    public static ConfigLoadResult Parse(string yaml, string file)
    {
        var read = ConfigYamlReader.Read(yaml, file);
        if (read.Entries.Count == 0 && read.Errors.Count > 0)
            return new ConfigLoadResult(null, read.Errors); // unreadable: "missing key" would only add noise
        var errors = read.Errors.ToList();
        var config = new HardwareConfig();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var entry in read.Entries)
        {
            if (ComponentSection.Known.Contains(entry.Key))
            {
                lines[entry.Key] = entry.Line;
                if (ComponentSection.Read(entry.Key, entry.Value, file, errors) is { } section)
                    config.Components = config.Components.SetItem(entry.Key, section);
                continue;
            }
            if (ConfigKeyTable.Find(entry.Key) is not { } key)
            {
                var hint = ConfigKeyTable.Suggest(entry.Key) is { } near ? $" (did you mean '{near}'?)" : "";
                errors.Add(new ConfigError(file, entry.Line, $"unknown key '{entry.Key}'{hint}"));
                continue;
            }
            lines[key.Name] = entry.Line;
            if (!TrySet(config, key, entry.Value, out var error))
                errors.Add(new ConfigError(file, entry.Line, $"{key.Name}: {error}"));
        }

        errors.AddRange(MissingKeys(lines, file));
        if (errors.Count > 0) return new ConfigLoadResult(null, errors);

        var violations = HardwareConfigValidator.Validate(config);
        errors.AddRange(violations.Select(v => new ConfigError(
            file, v.Keys.Select(k => lines.TryGetValue(k, out var l) ? l : (int?)null).FirstOrDefault(l => l is not null), v.Message)));
        return new ConfigLoadResult(errors.Count == 0 ? config : null, errors);
    }

    /// <summary>
    /// A validated copy of <paramref name="config"/> with one key, named as in the YAML, set from
    /// text (for what-if sweeps, <c>--set KEY=value</c>). The value gets the same type checks as
    /// in a file; derived constants follow automatically.
    /// </summary>
    public static HardwareConfig WithOverride(HardwareConfig config, string key, string value) =>
        WithOverrides(config, [(key, value)]);

    /// <summary>
    /// Like <see cref="WithOverride"/> for several keys at once: all are set, then the config is
    /// validated as a whole, so keys that must change together (a tile and its start size) can.
    /// Messages start with the settings, e.g. <c>CLOCK_FREQ_MHZ=0, SLR_NUM=2: ...</c>.
    /// </summary>
    public static HardwareConfig WithOverrides(HardwareConfig config, IReadOnlyList<(string Key, string Value)> settings)
    {
        var source = string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));
        var copy = config.Clone();
        foreach (var (key, value) in settings)
        {
            if (key.Split('.')[0] is var section && key.Contains('.') && ComponentSection.Known.Contains(section))
            {
                var updated = ComponentSection.With(copy.Component(section), key, value.Trim(), out var sectionError)
                    ?? throw new InputException($"{source}: {sectionError}");
                copy.Components = copy.Components.SetItem(section, updated);
                continue;
            }
            if (ConfigKeyTable.Find(key) is not { } k)
            {
                var hint = ConfigKeyTable.Suggest(key) is { } near ? $" (did you mean '{near}'?)" : "";
                throw new InputException($"{source}: unknown hardware config key '{key}'{hint}");
            }
            if (!TrySet(copy, k, new YamlScalarNode(value.Trim()), out var error))
                throw new InputException($"{source}: {k.Name}: {error}");
        }
        var violations = HardwareConfigValidator.Validate(copy);
        if (violations.Count > 0)
            throw ConfigLoadResult.ToException(violations.Select(v => new ConfigError(null, null, $"{source}: {v.Message}")).ToList());
        return copy;
    }

    /// <summary>
    /// Every key with its value as canonical text, in file order (TIMING_MODEL included), then
    /// the entries of each component section present (MACHINE, MEMORY, ...).
    /// </summary>
    public static IReadOnlyList<ConfigEntry> Entries(HardwareConfig config) =>
        ConfigKeyTable.All.Select(k => new ConfigEntry(k.Name, k.Format(config)))
            .Concat(config.Components.Values.SelectMany(c => c.Entries())).ToList();

    private static bool TrySet(HardwareConfig config, ConfigKey key, YamlNode node, out string? error)
    {
        var parsed = ConfigValueParser.Parse(key.Kind, node);
        error = parsed.Error;
        if (parsed.Value is null) return false;
        key.Write(config, parsed.Value);
        return true;
    }

    /// <summary>
    /// Required keys that are absent. Each points at the line of the key it belongs after (in
    /// the reference order), where it would be inserted.
    /// </summary>
    private static IEnumerable<ConfigError> MissingKeys(IReadOnlyDictionary<string, int> lines, string file)
    {
        string? previous = null;
        foreach (var key in ConfigKeyTable.All)
        {
            if (lines.ContainsKey(key.Name))
            {
                previous = key.Name;
                continue;
            }
            if (!key.Required) continue;
            var where = previous is null ? "at the start" : $"after '{previous}'";
            yield return new ConfigError(file, previous is null ? 1 : lines[previous],
                $"missing key '{key.Name}' ({key.Kind.Describe()}; it belongs {where})");
        }
    }
}
