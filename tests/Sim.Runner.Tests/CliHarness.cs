using Sim.Tests.Shared;

namespace Sim.Runner.Tests;

/// <summary>Runs the CLI in-process with the console captured. Tests using it share the "Console" collection.</summary>
internal static class CliHarness
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args) => ConsoleCapture.Run(() => Cli.Run(args));
}
