using System.Globalization;
using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// A list of request cases (<c>configs/cases.yaml</c>): a <c>cases:</c> sequence whose items are
/// <c>{prefill: P, decode: D}</c> mappings or <c>"P:D"</c> strings.
/// </summary>
public static class CaseFile
{
    public static IReadOnlyList<FpgaCase> Load(string path) =>
        Parse(InputFile.ReadAllText(path, InputFile.SmallText, "case file"), path);

    /// <summary>Reads case-list text; <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyList<FpgaCase> Parse(string text, string path)
    {
        YamlStream yaml;
        try
        {
            yaml = YamlInputGuard.Load(text);
        }
        catch (YamlException e)
        {
            throw new InputException(YamlInputGuard.Message(e), path, e.Start.Line > 0 ? (int)e.Start.Line : null);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("cases"), out var node) || node is not YamlSequenceNode list)
            throw new InputException("expected a 'cases:' list, e.g. '- {prefill: 128, decode: 512}'", path, 1);
        if (list.Children.Count == 0) throw new InputException("the 'cases:' list is empty", path, Line(list));

        var cases = new List<FpgaCase>();
        foreach (var item in list.Children)
        {
            FpgaCase c;
            try
            {
                c = item switch
                {
                    YamlScalarNode s => FpgaCase.Parse(s.Value ?? ""),
                    YamlMappingNode m => FpgaCase.Checked(Field(m, "prefill", path), Field(m, "decode", path)),
                    _ => throw new InputException("a case is {prefill: P, decode: D} or \"P:D\""),
                };
            }
            catch (InputException e) when (e.File is null)
            {
                throw new InputException(e.Message, path, Line(item));
            }
            if (c.Prefill < 1 || c.Decode < 0)
                throw new InputException($"case {c}: prefill must be at least 1 and decode at least 0", path, Line(item));
            cases.Add(c);
        }
        return cases;
    }

    private static int Field(YamlMappingNode m, string key, string path)
    {
        if (!m.Children.TryGetValue(new YamlScalarNode(key), out var node))
            throw new InputException($"case is missing '{key}'", path, Line(m));
        if (node is not YamlScalarNode s || !int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            throw new InputException($"'{key}' must be a whole number of tokens", path, Line(node));
        return v;
    }

    private static int Line(YamlNode n) => (int)n.Start.Line;
}
