using System.CommandLine;
using System.Text;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// <c>--quiet</c> / <c>-q</c> on every verb: results on stdout stay, and of stderr only the lines a
/// user must see (<c>error:</c>, <c>warning:</c>, <c>hint:</c>, <c>see '...'</c>); progress and
/// "wrote ..." notes go. Done in one place, by filtering stderr for the run of the command.
/// </summary>
public static class QuietOption
{
    public static Option<bool> Create() => new("--quiet", "-q")
    {
        Description = "Print results only: no progress and no notes on stderr (errors and warnings still).",
        Recursive = true,
    };

    /// <summary>Whether <paramref name="writer"/> is the --quiet filter (then no live progress is drawn through it).</summary>
    public static bool Filters(TextWriter writer) => writer is ImportantLinesWriter;

    /// <summary>Runs <paramref name="invoke"/> with stderr filtered when <paramref name="quiet"/>.</summary>
    public static int Run(bool quiet, Func<int> invoke)
    {
        if (!quiet) return invoke();
        var original = Console.Error;
        using var filter = new ImportantLinesWriter(original);
        Console.SetError(filter);
        try
        {
            return invoke();
        }
        finally
        {
            filter.Flush();
            Console.SetError(original);
        }
    }

    /// <summary>Forwards whole lines that start with one of the prefixes a user must see; drops the rest.</summary>
    private sealed class ImportantLinesWriter(TextWriter inner) : TextWriter
    {
        private static readonly string[] Kept = ["error:", "warning:", "hint:", "see '"];
        private readonly StringBuilder _line = new();
        private readonly Lock _lock = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (_lock)
            {
                if (value != '\n') { _line.Append(value); return; }
                Emit();
            }
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            lock (_lock)
                foreach (var c in value)
                {
                    if (c != '\n') _line.Append(c);
                    else Emit();
                }
        }

        public override void Flush()
        {
            lock (_lock)
            {
                if (_line.Length > 0) Emit();
                inner.Flush();
            }
        }

        private void Emit()
        {
            var line = _line.ToString().TrimEnd('\r');
            _line.Clear();
            if (Kept.Any(p => line.StartsWith(p, StringComparison.Ordinal))) inner.WriteLine(line);
        }
    }
}
