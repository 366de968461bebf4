using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Specs;

/// <summary>
/// A constraint between config keys, e.g. <c>MV_START_N_NUM &gt;= MV_PARALLEL_N * 2</c>: numbers,
/// config keys (MACHINE.MODEL.OPTION too), <c>+ - * /</c>, parentheses, one comparison
/// (<c>&lt; &lt;= &gt; &gt;= == !=</c>), and clauses joined by <c>and</c> / <c>or</c>.
/// </summary>
/// <remarks>
/// Hand-written on purpose: no expression library is among the served packages, and the general
/// ones (C# scripting, dynamic LINQ) would run whatever a spec file says. This grammar can only
/// read keys and do arithmetic, so a spec from someone else is safe to run.
/// </remarks>
public sealed class ConstraintExpression
{
    private readonly Node _root;

    private ConstraintExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    public string Text { get; }

    /// <summary>The config keys the expression reads.</summary>
    public IReadOnlyList<string> Keys => _root.Keys().Distinct(StringComparer.Ordinal).ToList();

    public static ConstraintExpression Parse(string text)
    {
        var parser = new Parser(text);
        var root = parser.Or();
        parser.ExpectEnd();
        if (root is not Compare and not Logic)
            throw new InputException($"constraint '{text}' compares nothing (expected e.g. A >= B)");
        return new ConstraintExpression(text, root);
    }

    /// <summary>Whether the point satisfies the constraint; <paramref name="value"/> gives a key's number, or null when unknown.</summary>
    public bool Holds(Func<string, double?> value) => _root.Eval(value, Text) != 0;

    private abstract record Node
    {
        public abstract double Eval(Func<string, double?> value, string text);
        public abstract IEnumerable<string> Keys();
    }

    private sealed record Number(double V) : Node
    {
        public override double Eval(Func<string, double?> value, string text) => V;
        public override IEnumerable<string> Keys() => [];
    }

    private sealed record Key(string Name) : Node
    {
        public override double Eval(Func<string, double?> value, string text) =>
            value(Name) ?? throw new InputException($"constraint '{text}': {Name} is not a config key with a numeric value");
        public override IEnumerable<string> Keys() => [Name];
    }

    private sealed record Negate(Node X) : Node
    {
        public override double Eval(Func<string, double?> value, string text) => -X.Eval(value, text);
        public override IEnumerable<string> Keys() => X.Keys();
    }

    private sealed record Arith(char Op, Node L, Node R) : Node
    {
        public override double Eval(Func<string, double?> value, string text)
        {
            double l = L.Eval(value, text), r = R.Eval(value, text);
            return Op switch
            {
                '+' => l + r,
                '-' => l - r,
                '*' => l * r,
                _ => r == 0 ? throw new InputException($"constraint '{text}' divides by zero") : l / r,
            };
        }
        public override IEnumerable<string> Keys() => L.Keys().Concat(R.Keys());
    }

    private sealed record Compare(string Op, Node L, Node R) : Node
    {
        public override double Eval(Func<string, double?> value, string text)
        {
            double l = L.Eval(value, text), r = R.Eval(value, text);
            bool b = Op switch { "<" => l < r, "<=" => l <= r, ">" => l > r, ">=" => l >= r, "==" => l == r, _ => l != r };
            return b ? 1 : 0;
        }
        public override IEnumerable<string> Keys() => L.Keys().Concat(R.Keys());
    }

    private sealed record Logic(bool IsAnd, Node L, Node R) : Node
    {
        public override double Eval(Func<string, double?> value, string text)
        {
            bool l = L.Eval(value, text) != 0;
            if (IsAnd ? !l : l) return l ? 1 : 0;
            return R.Eval(value, text) != 0 ? 1 : 0;
        }
        public override IEnumerable<string> Keys() => L.Keys().Concat(R.Keys());
    }

    /// <summary>Recursive descent: or → and → comparison → sum → product → unary → atom.</summary>
    private sealed class Parser(string text)
    {
        private int _pos;

        public Node Or()
        {
            var left = And();
            while (Word("or")) left = new Logic(false, left, And());
            return left;
        }

        private Node And()
        {
            var left = Comparison();
            while (Word("and")) left = new Logic(true, left, Comparison());
            return left;
        }

        private Node Comparison()
        {
            var left = Sum();
            foreach (var op in new[] { "<=", ">=", "==", "!=", "<", ">" })
                if (Symbol(op)) return new Compare(op, left, Sum());
            return left;
        }

        private Node Sum()
        {
            var left = Product();
            while (true)
            {
                if (Symbol("+")) left = new Arith('+', left, Product());
                else if (Symbol("-")) left = new Arith('-', left, Product());
                else return left;
            }
        }

        private Node Product()
        {
            var left = Unary();
            while (true)
            {
                if (Symbol("*")) left = new Arith('*', left, Unary());
                else if (Symbol("/")) left = new Arith('/', left, Unary());
                else return left;
            }
        }

        private Node Unary() => Symbol("-") ? new Negate(Unary()) : Atom();

        private Node Atom()
        {
            SkipSpace();
            if (Symbol("("))
            {
                var inner = Or();
                if (!Symbol(")")) throw Error("expected ')'");
                return inner;
            }
            int start = _pos;
            if (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '.'))
            {
                while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] is '.' or 'e' or 'E'
                       || (text[_pos] is '+' or '-' && text[_pos - 1] is 'e' or 'E'))) _pos++;
                if (!double.TryParse(text[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw Error($"'{text[start.._pos]}' is not a number");
                return new Number(v);
            }
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '.')) _pos++;
            if (_pos == start) throw Error(_pos < text.Length ? $"unexpected '{text[_pos]}'" : "unexpected end");
            var name = text[start.._pos];
            if (name is "and" or "or") throw Error($"'{name}' needs a comparison before it");
            return new Key(name);
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos < text.Length) throw Error($"unexpected '{text[_pos..]}'");
        }

        private bool Symbol(string s)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, s, 0, s.Length) != 0) return false;
            // '<' must not take the first half of '<='; the longer operators are tried first.
            _pos += s.Length;
            return true;
        }

        private bool Word(string w)
        {
            SkipSpace();
            int end = _pos + w.Length;
            if (end > text.Length || string.CompareOrdinal(text, _pos, w, 0, w.Length) != 0) return false;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _pos = end;
            return true;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private InputException Error(string what) =>
            new($"constraint '{text}' at column {_pos + 1}: {what}")
            {
                Hint = "a constraint compares sums and products of config keys and numbers, e.g. MV_START_N_NUM >= MV_PARALLEL_N * 2",
            };
    }
}
