namespace Sim.Runner.Tests;

/// <summary>Runs the CLI in-process with the console captured. Tests using it share the "Console" collection.</summary>
internal static class CliHarness
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = Cli.Run(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
