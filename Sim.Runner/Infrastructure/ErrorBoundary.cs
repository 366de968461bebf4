using System.CommandLine;
using System.CommandLine.Parsing;
using Sim.Core.Errors;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// Turns exceptions into the CLI's contract: bad input prints one line and exits 1, anything
/// else is an internal error (exit 2). Never a stack trace on the console.
/// </summary>
public static class ErrorBoundary
{
    public const int Ok = 0, InputError = 1, InternalError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<InputException>().FirstOrDefault() is { } input)
        {
            // Parallel work reports the first bad input like a sequential run would.
            return Report(input);
        }
        catch (InputException e)
        {
            return Report(e);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine("hint: this is a bug in VhkSim; please report it with the command line you used.");
            return InternalError;
        }
    }

    /// <summary>
    /// A command line that does not parse: its first error as one <c>error:</c> line and where
    /// help is, instead of the whole help text.
    /// </summary>
    public static int ReportParseErrors(ParseResult result)
    {
        // An unknown verb also counts as "no command given"; the unknown word is the news.
        var error = result.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First();
        Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine($"see '{CommandPath(result.CommandResult)} --help'");
        return InputError;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Add(c.Command is RootCommand ? "vhksim" : c.Command.Name);
        names.Reverse();
        return string.Join(" ", names);
    }

    private static int Report(InputException e)
    {
        // One line per problem: a config with several errors reports them all.
        foreach (var line in e.Message.Split('\n'))
            Console.Error.WriteLine($"error: {line}");
        if (e.Hint is not null) Console.Error.WriteLine($"hint: {e.Hint}");
        return InputError;
    }
}
