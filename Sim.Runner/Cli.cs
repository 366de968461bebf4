using System.CommandLine;

namespace Sim.Runner;

/// <summary>Wires the verbs together; each verb lives in Commands/.</summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("VhkSim: simulate LLM inference on the VHK158 FPGA (FlightLLM) and compare with GPUs.");
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.ConfigCommand.Create());
        root.Subcommands.Add(Commands.IrCommand.Create());
        root.Subcommands.Add(Commands.CompileCommand.Create());
        root.Subcommands.Add(Commands.ProfileCommand.Create());
        root.Subcommands.Add(Commands.FpgaCommand.Create());
        root.Subcommands.Add(Commands.BenchCommand.Create());
        root.Subcommands.Add(Commands.GpuCommand.Create());
        root.Subcommands.Add(Commands.TimelineCommand.Create());
        root.Subcommands.Add(Commands.SweepCommand.Create());
        root.Subcommands.Add(Commands.HbmCommand.Create());
        root.Subcommands.Add(Commands.ValidateCommand.Create());
        var quiet = Infrastructure.QuietOption.Create();
        root.Options.Add(quiet);
        Infrastructure.HelpText.Apply(root);
        if (args.Length == 0)
        {
            Infrastructure.HelpText.WriteRoot(root, Console.Out);
            return Infrastructure.ErrorBoundary.InputError;
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0) return Infrastructure.ErrorBoundary.ReportParseErrors(parsed);
        return Infrastructure.QuietOption.Run(parsed.GetValue(quiet), () => parsed.Invoke());
    }
}
