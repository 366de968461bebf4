using System.CommandLine;

namespace Sim.Runner;

/// <summary>Wires the verbs together; each verb lives in Commands/.</summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("VhkSim: simulate LLM inference on the VHK158 FPGA (FlightLLM) and compare with GPUs.");
        root.Subcommands.Add(Commands.GpuCommand.Create());
        return root.Parse(args).Invoke();
    }
}
