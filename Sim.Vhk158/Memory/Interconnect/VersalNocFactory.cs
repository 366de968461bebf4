using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory.Interconnect;

/// <summary><c>noc</c>: the Versal NoC between the PL masters and the HBM controllers (<see cref="VersalNoc"/>).</summary>
public sealed class VersalNocFactory : IInterconnectFactory
{
    public const string ModelName = "noc";

    public string Name => ModelName;

    public string Description => "Versal NoC: an NMU port per master, two NoC links per HBM pseudo-channel";

    public IReadOnlyList<ComponentOption> Options { get; } =
    [
        new("port_gb_per_s", 17.28, "a master's NMU port rate (PG313: one NoC link carries about 17.28 GB/s of reads)", 1e-3, 1e6),
        new("read_efficiency", 0.975, "share of the port rate reads reach (fitted: AMD Versal HBM tutorial, 6.24 of 6.4 GB/s per port)", 1e-3, 1),
        new("write_efficiency", 0.853, "share of the port rate writes reach (fitted: same tutorial, 5.46 of 6.4 GB/s per port)", 1e-3, 1),
        new("links_per_channel", 2, "NoC links into each pseudo-channel (PG313: two ports per PC)", 1, 64),
        new("link_read_gb_per_s", 17.28, "reads one NoC link carries into a PC (PG313)", 1e-3, 1e6),
        new("link_write_gb_per_s", 6.64, "writes one NoC link carries into a PC (fitted: 32 writers on one controller get 0.83 GB/s each, 26.6 GB/s over its 4 links)", 1e-3, 1e6),
        new("latency_ns", 0, "added round-trip latency of the NoC (not published; 0 unless measured)", 0, 1e6),
    ];

    public IInterconnect Create(ComponentOptions options, int channels) =>
        new VersalNoc(options["port_gb_per_s"], options["read_efficiency"], options["write_efficiency"], options.Int("links_per_channel"),
            options["link_read_gb_per_s"], options["link_write_gb_per_s"], options["latency_ns"]);
}
