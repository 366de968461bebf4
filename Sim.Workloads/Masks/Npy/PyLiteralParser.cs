using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Sim.Core.Errors;

namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// A small recursive-descent parser for the Python literal subset found in <c>.npy</c> headers:
/// dicts with string keys, tuples, lists, strings, integers (an old-style <c>L</c> suffix is
/// accepted), True, False and None. Anything else is a syntax error naming the column, so a
/// damaged header is reported instead of half-understood.
/// </summary>
internal sealed class PyLiteralParser
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _depth;

    /// <summary>numpy headers nest two levels (a dict holding a tuple); 30,000 used to overflow the stack.</summary>
    private const int MaxDepth = 32;

    private PyLiteralParser(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Parses <paramref name="text"/> as one literal followed only by whitespace.</summary>
    public static PyLiteral Parse(string text, string file)
    {
        var p = new PyLiteralParser(text, file);
        var value = p.ParseValue();
        p.SkipSpace();
        if (p._pos < text.Length) p.Fail($"unexpected {p.Describe(p._pos)} after the end of the literal");
        return value;
    }

    private PyLiteral ParseValue()
    {
        SkipSpace();
        if (_pos >= _text.Length) Fail("unexpected end of header, expected a value");
        char c = _text[_pos];
        if (c is '{' or '(' or '[')
        {
            if (++_depth > MaxDepth) Fail($"dicts, tuples and lists nest deeper than {MaxDepth} levels");
            PyLiteral nested = c switch
            {
                '{' => ParseDict(),
                '(' => ParseParenthesised(),
                _ => ParseList(),
            };
            _depth--;
            return nested;
        }
        if (c is '\'' or '"') return new PyStr(ParseString());
        if (c == '-' || c == '+' || char.IsAsciiDigit(c)) return ParseInt();
        if (char.IsAsciiLetter(c) || c == '_') return ParseName();
        Fail($"unexpected {Describe(_pos)}, expected a value");
        return null!; // unreachable
    }

    private PyDict ParseDict()
    {
        _pos++; // '{'
        var entries = new List<KeyValuePair<string, PyLiteral>>();
        while (true)
        {
            SkipSpace();
            if (Peek() == '}') { _pos++; return new PyDict(entries); }
            int keyPos = _pos;
            var key = ParseValue();
            if (key is not PyStr s) { _pos = keyPos; Fail($"expected a string key, found {key.Kind}"); return null!; }
            if (entries.Any(e => e.Key == s.Value)) { _pos = keyPos; Fail($"duplicate key '{s.Value}'"); }
            Expect(':');
            entries.Add(new(s.Value, ParseValue()));
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            if (Peek() == '}') { _pos++; return new PyDict(entries); }
            Fail($"unexpected {Describe(_pos)} in dict, expected ',' or '}}'");
        }
    }

    private PySequence ParseList()
    {
        _pos++; // '['
        return new PySequence(false, ParseItems(']'));
    }

    /// <summary>'(' starts a tuple, or just groups one value when there is no comma: (5) is 5.</summary>
    private PyLiteral ParseParenthesised()
    {
        _pos++; // '('
        SkipSpace();
        if (Peek() == ')') { _pos++; return new PySequence(true, []); }
        var first = ParseValue();
        SkipSpace();
        if (Peek() == ')') { _pos++; return first; }
        Expect(',');
        var rest = ParseItems(')');
        return new PySequence(true, [first, .. rest]);
    }

    /// <summary>Comma-separated values up to <paramref name="close"/>, trailing comma allowed.</summary>
    private List<PyLiteral> ParseItems(char close)
    {
        var items = new List<PyLiteral>();
        while (true)
        {
            SkipSpace();
            if (Peek() == close) { _pos++; return items; }
            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            if (Peek() == close) { _pos++; return items; }
            Fail($"unexpected {Describe(_pos)}, expected ',' or '{close}'");
        }
    }

    private string ParseString()
    {
        int start = _pos;
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n') { _pos = start; Fail("unterminated string"); }
            char c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (_pos >= _text.Length) { _pos = start; Fail("unterminated string"); }
            char e = _text[_pos++];
            sb.Append(e switch
            {
                '\\' => '\\',
                '\'' => '\'',
                '"' => '"',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => FailAt<char>(_pos - 2, $"unsupported escape sequence '\\{e}' in string"),
            });
        }
    }

    private PyInt ParseInt()
    {
        int start = _pos;
        if (_text[_pos] is '-' or '+') _pos++;
        int digits = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos == digits) { _pos = start; Fail($"unexpected {Describe(start)}, expected a number"); }
        var token = _text[start.._pos];
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l') _pos++; // Python 2 long, written by old numpy
        if (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '_'))
        {
            _pos = start;
            Fail($"malformed number starting at {Describe(start)}; only integers are allowed here");
        }
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
        {
            _pos = start;
            Fail($"integer {token} is too large");
        }
        return new PyInt(v);
    }

    private PyLiteral ParseName()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        var name = _text[start.._pos];
        switch (name)
        {
            case "True": return new PyBool(true);
            case "False": return new PyBool(false);
            case "None": return new PyNone();
        }
        _pos = start;
        Fail($"unexpected name '{name}', expected a literal (a string, number, True, False or None)");
        return null!;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Peek() != c) Fail($"unexpected {Describe(_pos)}, expected '{c}'");
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private string Describe(int pos) =>
        pos >= _text.Length ? "end of header" : char.IsControl(_text[pos])
            ? $"character U+{(int)_text[pos]:X4}"
            : $"'{_text[pos]}'";

    private T FailAt<T>(int pos, string what)
    {
        _pos = pos;
        Fail(what);
        return default!;
    }

    [DoesNotReturn]
    private void Fail(string what) =>
        throw new InputException(
            $"unparsable .npy header: {what} at column {_pos + 1} of the header {Quote(_text)}", _file);

    /// <summary>The header text for messages, trimmed of padding and cut if long.</summary>
    internal static string Quote(string header)
    {
        var t = header.TrimEnd(' ', '\n', '\r', '\t', '\0');
        if (t.Length > 200) t = t[..200] + "...";
        var sb = new StringBuilder("\"");
        foreach (var ch in t) sb.Append(char.IsControl(ch) ? $"\\u{(int)ch:x4}" : ch.ToString());
        return sb.Append('"').ToString();
    }
}
