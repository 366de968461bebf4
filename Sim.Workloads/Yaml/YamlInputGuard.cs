using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Sim.Workloads.Yaml;

/// <summary>
/// Checks YAML text before a reader builds anything from it: no control characters (YAML forbids
/// them, and YamlDotNet stops silently at a NUL) and no nesting deeper than <see cref="MaxDepth"/>
/// (YamlDotNet's representation model recurses per level: 30,000 '[' overflowed the stack).
/// Problems are thrown as <see cref="YamlException"/> with their position, so each reader reports
/// them exactly like YamlDotNet's own syntax errors. YamlDotNet's event parser, used here, keeps
/// its own stack and does not recurse.
/// </summary>
public static partial class YamlInputGuard
{
    /// <summary>Far deeper than any of our formats (the IR nests five levels).</summary>
    public const int MaxDepth = 64;

    public static void Check(string text)
    {
        CheckCharacters(text);
        var parser = new Parser(new StringReader(text));
        // The open lists and mappings: where each started and whether it is a flow one ('[', '{').
        var open = new Stack<(Mark Start, bool Flow)>();
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is SequenceStart or MappingStart)
                {
                    if (open.Count == MaxDepth)
                        throw new YamlException(current.Start, current.End, $"lists and mappings nest deeper than {MaxDepth} levels");
                    open.Push((current.Start, current is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow }));
                }
                else if (current is SequenceEnd or MappingEnd && open.Count > 0)
                    open.Pop();
            }
        }
        catch (Exception e) when (e is not YamlException)
        {
            // YamlDotNet's scanner can fail on broken input with a non-YAML exception; an unclosed
            // '[' or '{' is the usual cause, so name it when there is one.
            if (open.Any(o => o.Flow))
            {
                var start = open.First(o => o.Flow).Start;
                throw new YamlException(start, start, $"the list or mapping opened at line {start.Line}, column {start.Column} is never closed", e);
            }
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, "the YAML cannot be parsed after this point", e);
        }
    }

    /// <summary>
    /// <see cref="Check"/>, then YamlDotNet's representation model of the text. Its own failures
    /// on broken input that are not <see cref="YamlException"/>s (ArgumentException,
    /// InvalidOperationException) become one, so readers report them as YAML errors.
    /// </summary>
    public static YamlStream Load(string text)
    {
        Check(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new YamlException(Mark.Empty, Mark.Empty, $"the YAML cannot be parsed: {e.Message}", e);
        }
        return stream;
    }

    /// <summary>Runs a YamlDotNet call on checked text, turning its non-YAML failures into <see cref="YamlException"/>s.</summary>
    public static T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or InvalidCastException)
        {
            throw new YamlException(Mark.Empty, Mark.Empty, $"the YAML cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The message of a YAML error without YamlDotNet's position prefix (readers add file and line).</summary>
    public static string Message(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        int i = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && i >= 0) message = message[(i + 3)..];
        var duplicate = DuplicateKey().Match(message);
        return duplicate.Success ? $"duplicate key '{duplicate.Groups[1].Value}' (each key may appear only once)" : message;
    }

    /// <summary>Only the character check, for readers that never recurse.</summary>
    public static void CheckCharacters(string text)
    {
        int line = 1, column = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') { line++; column = 1; continue; }
            if ((c < 0x20 && c is not '\t' and not '\r') || c == 0x7F || (c is >= '\u0080' and <= '\u009F' && c != '\u0085') || c is '\uFFFE' or '\uFFFF')
            {
                var at = new Mark(i, line, column);
                throw new YamlException(at, at, $"control character U+{(int)c:X4} is not allowed in YAML (line {line}, column {column})");
            }
            column++;
        }
    }

    [GeneratedRegex(@"^Duplicate key (.+)$")]
    private static partial Regex DuplicateKey();
}
