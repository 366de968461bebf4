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

    private static int Report(InputException e)
    {
        // One line per problem: a config with several errors reports them all.
        foreach (var line in e.Message.Split('\n'))
            Console.Error.WriteLine($"error: {line}");
        if (e.Hint is not null) Console.Error.WriteLine($"hint: {e.Hint}");
        return InputError;
    }
}
