using System.Globalization;
using System.Text;

namespace Sim.Workloads.Ir.Yaml;

/// <summary>
/// Appends block-style YAML to a <see cref="StringBuilder"/> exactly as PyYAML 6's emitter does
/// with its defaults (width 80, no unicode, '\n' line breaks). The caller writes the structure
/// (keys, "- ", indentation); this class tracks the column and writes scalars, choosing plain,
/// single- or double-quoted style and folding long values the way PyYAML's
/// <c>analyze_scalar</c> / <c>write_plain</c> / <c>write_single_quoted</c> /
/// <c>write_double_quoted</c> do.
/// </summary>
public sealed class PyYamlBlockWriter
{
    private const int BestWidth = 80;
    private readonly StringBuilder _sb;
    private int _col;

    public PyYamlBlockWriter(StringBuilder sb) => _sb = sb;

    /// <summary>Appends ASCII text without line breaks (keys, indicators, indentation).</summary>
    public void Raw(string ascii)
    {
        _sb.Append(ascii);
        _col += ascii.Length;
    }

    public void Spaces(int n)
    {
        _sb.Append(' ', n);
        _col += n;
    }

    public void NewLine()
    {
        _sb.Append('\n');
        _col = 0;
    }

    /// <summary>Writes " " and an integer, as PyYAML does after "key:" or "-".</summary>
    public void IntValue(long v)
    {
        _sb.Append(' ');
        int before = _sb.Length;
        _sb.Append(v);
        _col += 1 + _sb.Length - before;
    }

    public void BoolValue(bool v) => Raw(v ? " true" : " false");

    public void FloatValue(double v) => Raw(" " + PyFloatRepr.Format(v));

    /// <summary>
    /// Writes " " and a string value of a block mapping whose keys sit at column
    /// <paramref name="keyColumn"/>. Folded values continue two columns further in, since
    /// PyYAML's emitter increases the indent for every scalar node.
    /// </summary>
    public void StringValue(string s, int keyColumn)
    {
        int indent = keyColumn + 2;
        if (IsSimplePlain(s))
        {
            _sb.Append(' ').Append(s);
            _col += 1 + s.Length;
            return;
        }
        var cps = CodePoints(s);
        var a = Analyze(cps);
        bool implicitStr = Yaml11Scalars.Resolve(s) == "str";
        if (implicitStr && a.AllowBlockPlain) WritePlain(cps, indent);
        else if (a.AllowSingleQuoted) WriteSingleQuoted(cps, indent);
        else WriteDoubleQuoted(cps, indent);
    }

    // Names in the IR are identifiers; skip the full analysis for them.
    private static bool IsSimplePlain(string s)
    {
        if (s.Length == 0 || s[0] == '.' || s[0] == '-') return false;
        foreach (char c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) return false;
        return Yaml11Scalars.Resolve(s) == "str";
    }

    private static int[] CodePoints(string s)
    {
        var list = new List<int>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else list.Add(s[i]);
        }
        return list.ToArray();
    }

    private static bool IsBreak(int c) => c is '\n' or 0x85 or 0x2028 or 0x2029;
    private static bool IsWhiteOrEnd(int c) => c is '\0' or ' ' or '\t' or '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private readonly record struct Analysis(bool AllowBlockPlain, bool AllowSingleQuoted);

    // PyYAML's Emitter.analyze_scalar, reduced to what block context needs (allow_unicode=False).
    private static Analysis Analyze(int[] s)
    {
        if (s.Length == 0) return new(true, true);
        bool blockIndicators = false, lineBreaks = false, special = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false;
        if (StartsWith(s, "---") || StartsWith(s, "...")) blockIndicators = true;
        bool precededByWs = true;
        bool followedByWs = s.Length == 1 || IsWhiteOrEnd(s[1]);
        bool previousSpace = false, previousBreak = false;
        for (int i = 0; i < s.Length; i++)
        {
            int ch = s[i];
            if (i == 0)
            {
                if (ch < 0x80 && "#,[]{}&*!|>'\"%@`".IndexOf((char)ch) >= 0) blockIndicators = true;
                if ((ch == '?' || ch == ':') && followedByWs) blockIndicators = true;
                if (ch == '-' && followedByWs) blockIndicators = true;
            }
            else
            {
                if (ch == ':' && followedByWs) blockIndicators = true;
                if (ch == '#' && precededByWs) blockIndicators = true;
            }
            if (IsBreak(ch)) lineBreaks = true;
            if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) special = true; // allow_unicode is False
            if (ch == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (i == s.Length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true; previousBreak = false;
            }
            else if (IsBreak(ch))
            {
                if (i == 0) leadingBreak = true;
                if (i == s.Length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false; previousBreak = true;
            }
            else
            {
                previousSpace = false; previousBreak = false;
            }
            precededByWs = IsWhiteOrEnd(ch);
            followedByWs = i + 2 >= s.Length || IsWhiteOrEnd(s[i + 2]);
        }
        bool plain = true, single = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
        if (breakSpace) plain = single = false;
        if (spaceBreak || special) plain = single = false;
        if (lineBreaks) plain = false;
        if (blockIndicators) plain = false;
        return new(plain, single);
    }

    private static bool StartsWith(int[] s, string prefix)
    {
        if (s.Length < prefix.Length) return false;
        for (int i = 0; i < prefix.Length; i++) if (s[i] != prefix[i]) return false;
        return true;
    }

    private void Append(int[] s, int start, int end)
    {
        // Only printable ASCII reaches here unescaped (allow_unicode is False).
        for (int i = start; i < end; i++) _sb.Append((char)s[i]);
        _col += end - start;
    }

    private void WriteIndent(int indent)
    {
        // Inside a scalar the emitter is never at an indentation point, so this always breaks.
        _sb.Append('\n');
        _col = 0;
        Spaces(indent);
    }

    private void WritePlain(int[] t, int indent)
    {
        Raw(" ");
        bool spaces = false;
        int start = 0;
        for (int end = 0; end <= t.Length; end++)
        {
            int ch = end < t.Length ? t[end] : -1;
            if (spaces)
            {
                if (ch != ' ')
                {
                    if (start + 1 == end && _col > BestWidth) WriteIndent(indent);
                    else Append(t, start, end);
                    start = end;
                }
            }
            else if (ch == -1 || ch == ' ')
            {
                Append(t, start, end);
                start = end;
            }
            if (ch != -1) spaces = ch == ' ';
        }
    }

    private void WriteSingleQuoted(int[] t, int indent)
    {
        Raw(" '");
        bool spaces = false, breaks = false;
        int start = 0;
        for (int end = 0; end <= t.Length; end++)
        {
            int ch = end < t.Length ? t[end] : -1;
            if (spaces)
            {
                if (ch != ' ')
                {
                    if (start + 1 == end && _col > BestWidth && start != 0 && end != t.Length) WriteIndent(indent);
                    else Append(t, start, end);
                    start = end;
                }
            }
            else if (breaks)
            {
                if (ch == -1 || !IsBreak(ch))
                {
                    if (t[start] == '\n') NewLine();
                    for (int i = start; i < end; i++) NewLine(); // only '\n' is possible here
                    Spaces(indent);
                    start = end;
                }
            }
            else if (ch == -1 || ch == ' ' || IsBreak(ch) || ch == '\'')
            {
                if (start < end)
                {
                    Append(t, start, end);
                    start = end;
                }
            }
            if (ch == '\'')
            {
                Raw("''");
                start = end + 1;
            }
            if (ch != -1)
            {
                spaces = ch == ' ';
                breaks = IsBreak(ch);
            }
        }
        Raw("'");
    }

    private static string? Escape(int ch) => ch switch
    {
        0 => "0", 0x07 => "a", 0x08 => "b", 0x09 => "t", 0x0A => "n", 0x0B => "v", 0x0C => "f",
        0x0D => "r", 0x1B => "e", '"' => "\"", '\\' => "\\", 0x85 => "N", 0xA0 => "_",
        0x2028 => "L", 0x2029 => "P",
        _ => null,
    };

    private void WriteDoubleQuoted(int[] t, int indent)
    {
        Raw(" \"");
        int start = 0;
        for (int end = 0; end <= t.Length; end++)
        {
            int ch = end < t.Length ? t[end] : -1;
            if (ch == -1 || ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF
                || !(ch >= 0x20 && ch <= 0x7E))
            {
                if (start < end)
                {
                    Append(t, start, end);
                    start = end;
                }
                if (ch != -1)
                {
                    var esc = Escape(ch);
                    string data = esc is not null ? "\\" + esc
                        : ch <= 0xFF ? "\\x" + ch.ToString("X2", CultureInfo.InvariantCulture)
                        : ch <= 0xFFFF ? "\\u" + ch.ToString("X4", CultureInfo.InvariantCulture)
                        : "\\U" + ch.ToString("X8", CultureInfo.InvariantCulture);
                    Raw(data);
                    start = end + 1;
                }
            }
            if (end > 0 && end < t.Length - 1 && (ch == ' ' || start >= end) && _col + (end - start) > BestWidth)
            {
                if (start < end)
                {
                    Append(t, start, end);
                    start = end;
                }
                Raw("\\");
                WriteIndent(indent);
                if (t[start] == ' ') Raw("\\");
            }
        }
        Raw("\"");
    }
}
