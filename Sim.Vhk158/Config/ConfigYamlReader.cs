using Sim.Workloads.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Config;

/// <summary>
/// Reads a config file's YAML into its top-level entries, each with its line, using YamlDotNet's
/// representation model (which keeps positions, unlike the object deserializer). Only the shape
/// is checked here: one document, a mapping, scalar keys. Keys and values are the loader's job.
/// </summary>
internal static class ConfigYamlReader
{
    public sealed record Result(IReadOnlyList<ConfigYamlEntry> Entries, IReadOnlyList<ConfigError> Errors);

    private const string Expected = "expected a mapping of 'KEY: value' lines";

    public static Result Read(string yaml, string file)
    {
        YamlStream stream;
        try
        {
            stream = YamlInputGuard.Load(yaml);
        }
        catch (YamlException e)
        {
            return Fail(file, Math.Max(1, (int)e.Start.Line), Describe(e));
        }

        if (stream.Documents.Count == 0)
            return Fail(file, 1, $"the file is empty; {Expected}");
        if (stream.Documents.Count > 1)
            return Fail(file, (int)stream.Documents[1].RootNode.Start.Line,
                $"expected one YAML document, found {stream.Documents.Count} (remove the '---' separator)");

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
            return Fail(file, (int)root.Start.Line, $"{Expected}, got {NodeName(root)}");

        var entries = new List<ConfigYamlEntry>();
        var errors = new List<ConfigError>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var line = (int)keyNode.Start.Line;
            if (keyNode is YamlScalarNode { Value: { Length: > 0 } key })
                entries.Add(new ConfigYamlEntry(key, value, line));
            else
                errors.Add(new ConfigError(file, line, keyNode is YamlScalarNode
                    ? "empty key; keys must be plain names"
                    : $"keys must be plain names, got {NodeName(keyNode)}"));
        }
        return new Result(entries, errors);
    }

    private static Result Fail(string file, int line, string message) =>
        new([], [new ConfigError(file, line, message)]);

    private static string Describe(YamlException e)
    {
        var reason = YamlInputGuard.Message(e);
        if (reason.StartsWith("duplicate key", StringComparison.Ordinal)) return reason;
        reason = reason.TrimEnd('.');
        if (reason.Length > 0) reason = char.ToLowerInvariant(reason[0]) + reason[1..];
        return $"malformed YAML: {reason}";
    }

    private static string NodeName(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode s => $"the single value '{s.Value}'",
        _ => "something else",
    };
}
