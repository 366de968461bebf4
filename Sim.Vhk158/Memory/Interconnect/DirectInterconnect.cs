using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory.Interconnect;

/// <summary>
/// <c>direct</c>: every master reaches every channel at no cost (the artifact's view, and DDR's
/// controllers, which the kernel reaches without a switch).
/// </summary>
public sealed class DirectInterconnect : IInterconnect, IInterconnectFactory
{
    public const string ModelName = "direct";

    public string Name => ModelName;

    public string Description => "no interconnect cost: every master reaches every channel at full rate";

    public IReadOnlyList<ComponentOption> Options { get; } = [];

    public IInterconnect Create(ComponentOptions options, int channels) => this;

    public PathCost Path(int master, int channel, bool write) => PathCost.Free;
}
