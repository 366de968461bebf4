using Sim.Vhk158.Config;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// The artifact's DEBUG key switches on its Python debug prints; VhkSim has none to switch, so a
/// config that sets it gets a warning saying what to use instead.
/// </summary>
public static class DebugKey
{
    public static void Warn(HardwareConfig config)
    {
        if (config.Debug)
            Console.Error.WriteLine("warning: DEBUG: true has no effect in VhkSim; use `vhksim profile --trace FILE` or `vhksim timeline` to see what each module does");
    }
}
