using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Memory;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim config check FILE</c>: load and validate a hardware config.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "The hardware config YAML (configs/vhk158.yaml or the artifact's config.yaml).",
        };
        var check = new Command("check",
            "Load and validate a hardware config. Prints 'ok' (exit 0), or every problem on its own " +
            "line as 'error: FILE:LINE: message' (exit 1).\n\n" +
            "Example:\n  vhksim config check configs/vhk158.yaml");
        check.Arguments.Add(file);
        check.SetAction(parseResult => ErrorBoundary.Run(() => Check(parseResult.GetValue(file)!)));

        var config = new Command("config", "Hardware config tools.\n\nExample:\n  vhksim config check configs/vhk158.yaml");
        config.Subcommands.Add(check);
        return config;
    }

    private static int Check(string path)
    {
        var result = HardwareConfigLoader.Read(path);
        if (result.Ok && MachineModels.Check(result.Config!) is { } machineError)
            result = new ConfigLoadResult(null, [new ConfigError(path, null, machineError)]);
        if (result.Ok && MemoryModels.Check(result.Config!) is { } memoryError)
            result = new ConfigLoadResult(null, [new ConfigError(path, null, memoryError)]);
        if (result.Ok && Sim.Vhk158.Energy.EnergyModels.Check(result.Config!) is { } energyError)
            result = new ConfigLoadResult(null, [new ConfigError(path, null, energyError)]);
        if (result.Ok)
        {
            DebugKey.Warn(result.Config!);
            Console.Out.WriteLine("ok");
            return ErrorBoundary.Ok;
        }
        foreach (var error in result.Errors)
            Console.Error.WriteLine($"error: {error}");
        return ErrorBoundary.InputError;
    }
}
