namespace Sim.Tests.Shared;

/// <summary>Runs an in-process CLI call with stdout and stderr captured, and puts the console back afterwards.</summary>
internal static class ConsoleCapture
{
    public static (int Code, string Stdout, string Stderr) Run(Func<int> call)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = call();
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
