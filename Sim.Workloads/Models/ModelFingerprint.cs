using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Sim.Workloads.Models;

/// <summary>
/// Every setting of a model description as canonical text (<c>path=value</c> lines over all
/// public properties, nested objects and lists included), for cache keys: two descriptions with
/// equal text generate equal IR. Walks the properties itself, so a field added to
/// <see cref="ModelDescription"/> is covered without being listed here.
/// </summary>
/// <remarks>
/// Not YamlDotNet's serializer: building and running it cold cost about 100 ms of a 0.4 s
/// <c>profile</c> process (measured with dotnet-trace), for a dozen numbers.
/// </remarks>
public static class ModelFingerprint
{
    public static string Of(ModelDescription model)
    {
        var text = new StringBuilder();
        Append(text, "", model, depth: 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string path, object? value, int depth)
    {
        switch (value)
        {
            case null:
                text.Append(path).Append("=null\n");
                return;
            case string s:
                text.Append(path).Append('=').Append(s.ReplaceLineEndings("\\n")).Append('\n');
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is Enum or decimal:
                // "R" keeps every bit of a double; integers and enums print as themselves.
                text.Append(path).Append('=').Append(value is double or float ? f.ToString("R", CultureInfo.InvariantCulture) : f.ToString(null, CultureInfo.InvariantCulture)).Append('\n');
                return;
            case bool b:
                text.Append(path).Append('=').Append(b ? "true" : "false").Append('\n');
                return;
            case IEnumerable list:
                int i = 0;
                foreach (var item in list) Append(text, $"{path}[{i++}]", item, depth + 1);
                text.Append(path).Append(".count=").Append(i).Append('\n');
                return;
        }
        if (depth > 8) throw new InvalidOperationException($"model description nests too deep at '{path}'");
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetMethod is null) continue;
            Append(text, path.Length == 0 ? p.Name : $"{path}.{p.Name}", p.GetValue(value), depth + 1);
        }
    }
}
