using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// Help that says each thing once: an option with a default shows it as System.CommandLine's
/// <c>[default: ...]</c> only (a "(default ...)" in its description is dropped), and the root help
/// lists each verb on one line (its first sentence; <c>vhksim VERB --help</c> has the rest).
/// </summary>
public static partial class HelpText
{
    private const int SummaryWidth = 100;

    public static void Apply(RootCommand root)
    {
        foreach (var option in AllOptions(root))
            if (option.HasDefaultValue && option.Description is { } d)
                option.Description = StatedDefault().Replace(d, "").Trim();
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: { } verbHelp } help)
            help.Action = new RootHelpAction(root, verbHelp);
    }

    /// <summary>The root's help, written here; every verb's help stays System.CommandLine's.</summary>
    public static void WriteRoot(RootCommand root, TextWriter output)
    {
        output.WriteLine(root.Description);
        output.WriteLine();
        output.WriteLine("Usage: vhksim VERB [options]    (vhksim VERB --help: its options and examples)");
        output.WriteLine();
        output.WriteLine("Verbs:");
        int width = root.Subcommands.Max(c => c.Name.Length) + 2;
        foreach (var verb in root.Subcommands.Where(c => !c.Hidden))
            output.WriteLine($"  {verb.Name.PadRight(width)}{Summary(verb.Description ?? "")}");
        output.WriteLine();
        output.WriteLine("Options: -h/--help, --version; on every verb -q/--quiet (results only).");
    }

    private sealed class RootHelpAction(RootCommand root, CommandLineAction verbHelp) : SynchronousCommandLineAction
    {
        // As System.CommandLine's own help: `VERB --help` shows help even where required options are missing.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command != root)
                return verbHelp is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
            WriteRoot(root, parseResult.InvocationConfiguration.Output);
            return 0;
        }
    }

    /// <summary>The first sentence of a description, on one line, cut to <see cref="SummaryWidth"/> characters.</summary>
    public static string Summary(string description)
    {
        var firstLine = description.Split('\n')[0].Trim();
        var m = SentenceEnd().Match(firstLine);
        var sentence = m.Success ? firstLine[..(m.Index + 1)] : firstLine;
        if (sentence.Length <= SummaryWidth) return sentence;
        var cut = sentence.LastIndexOf(' ', SummaryWidth - 4);
        return sentence[..(cut > 0 ? cut : SummaryWidth - 4)].TrimEnd(',', ';', ' ') + " ...";
    }

    private static IEnumerable<Option> AllOptions(Command command) =>
        command.Options.Concat(command.Subcommands.SelectMany(AllOptions));

    // "(default X)" with at most one level of parentheses inside, and the space before it.
    [GeneratedRegex(@"\s*\(default(?:[^()]|\([^()]*\))*\)")]
    private static partial Regex StatedDefault();

    [GeneratedRegex(@"\.(\s|$)")]
    private static partial Regex SentenceEnd();
}
