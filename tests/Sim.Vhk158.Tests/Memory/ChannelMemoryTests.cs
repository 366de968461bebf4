using Sim.Core.Engine;
using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Tests.Memory;

/// <summary>How transfers are priced and contend: one event per PC touched, masters share a PC, AXI order, the crossbar's costs.</summary>
public class ChannelMemoryTests
{
    private const long MiB = 1 << 20;

    private static readonly HardwareConfig U280 = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "u280.yaml"));

    private static (Simulation Sim, IMemorySystem Hbm) Build(HardwareConfig? config = null)
    {
        var sim = new Simulation();
        return (sim, MemoryModels.CreateHbm(sim, config ?? U280));
    }

    /// <summary>Runs the requests, all issued at time 0; returns each one's finish time (ms).</summary>
    private static double[] Finish(IMemorySystem hbm, Simulation sim, params MemoryRequest[] requests)
    {
        var ends = new double[requests.Length];
        for (int i = 0; i < requests.Length; i++)
        {
            int k = i;
            hbm.Transfer(requests[i]).AddCallback(_ => ends[k] = sim.Now);
        }
        sim.Run();
        return ends;
    }

    private static long Pc(int i) => i * 256 * MiB;

    [Fact]
    public void A_transfer_costs_one_event_per_PC_it_touches()
    {
        var (sim, hbm) = Build();
        hbm.Transfer(new MemoryRequest(0, Pc(0), 64 * MiB, false, AccessPattern.Sequential));
        sim.Run();
        Assert.Equal(1, sim.ProcessedEventCount);

        (sim, hbm) = Build();
        // 4 PCs walked in order: one event each (the last one fires the transfer's own event).
        hbm.Transfer(new MemoryRequest(0, Pc(0) + 128 * MiB, 3 * 256 * MiB, false, AccessPattern.Sequential));
        sim.Run();
        Assert.InRange(sim.ProcessedEventCount, 4, 5);

        (sim, hbm) = Build();
        hbm.Transfer(new MemoryRequest(0, Pc(0), 4 * 256 * MiB, false, AccessPattern.Random, 64));
        sim.Run();
        Assert.Equal(1, sim.ProcessedEventCount);
    }

    [Fact]
    public void Masters_on_one_PC_share_its_rate_and_masters_on_two_PCs_do_not()
    {
        var (sim, hbm) = Build();
        double alone = Finish(hbm, sim, new MemoryRequest(0, Pc(0), 64 * MiB, false, AccessPattern.Sequential))[0];

        (sim, hbm) = Build();
        var shared = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 64 * MiB, false, AccessPattern.Sequential),
            new MemoryRequest(1, Pc(0) + 64 * MiB, 64 * MiB, false, AccessPattern.Sequential));
        // Twice the channel time; the lone transfer's first round trip (~0.1 µs) overlaps.
        Assert.Equal(2, shared.Max() / alone, 4);

        (sim, hbm) = Build();
        var apart = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 64 * MiB, false, AccessPattern.Sequential),
            new MemoryRequest(1, Pc(1), 64 * MiB, false, AccessPattern.Sequential));
        Assert.Equal(alone, apart.Max(), 9);
    }

    [Fact]
    public void One_master_walks_PCs_in_order_but_masters_of_their_own_read_them_at_once()
    {
        var (sim, hbm) = Build();
        double one = Finish(hbm, sim, new MemoryRequest(0, Pc(0), 2 * 256 * MiB, false, AccessPattern.Sequential))[0];
        (sim, hbm) = Build();
        double two = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 256 * MiB, false, AccessPattern.Sequential),
            new MemoryRequest(1, Pc(1), 256 * MiB, false, AccessPattern.Sequential)).Max();
        Assert.Equal(2, one / two, 3);
    }

    [Fact]
    public void A_lateral_crossbar_path_halves_a_masters_rate_when_the_port_is_the_limit()
    {
        // Make the port, not the PC, the limit: a 200 MHz AXI clock gives 6.4 GB/s per port.
        var slowPorts = HardwareConfigLoader.WithOverride(U280, "INTERCONNECT.crossbar.axi_clock_mhz", "200");
        var (sim, hbm) = Build(slowPorts);
        double local = Finish(hbm, sim, new MemoryRequest(0, Pc(1), 64 * MiB, false, AccessPattern.Sequential))[0];
        (sim, hbm) = Build(slowPorts);
        double lateral = Finish(hbm, sim, new MemoryRequest(0, Pc(20), 64 * MiB, false, AccessPattern.Sequential))[0];
        Assert.Equal(2, lateral / local, 6);
    }

    [Fact]
    public void Writes_of_another_master_cost_dead_cycles_and_a_read_after_writes_a_turnaround()
    {
        var (sim, hbm) = Build();
        double sameWriter = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 16 * MiB, true, AccessPattern.Sequential),
            new MemoryRequest(0, Pc(0) + 16 * MiB, 16 * MiB, true, AccessPattern.Sequential)).Max();
        (sim, hbm) = Build();
        double twoWriters = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 16 * MiB, true, AccessPattern.Sequential),
            new MemoryRequest(1, Pc(0) + 16 * MiB, 16 * MiB, true, AccessPattern.Sequential)).Max();
        Assert.True(twoWriters > sameWriter, $"{twoWriters} vs {sameWriter}");

        (sim, hbm) = Build();
        double readsOnly = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 16 * MiB, false, AccessPattern.Sequential),
            new MemoryRequest(0, Pc(0) + 16 * MiB, 16 * MiB, false, AccessPattern.Sequential)).Max();
        (sim, hbm) = Build();
        double mixed = Finish(hbm, sim,
            new MemoryRequest(0, Pc(0), 16 * MiB, true, AccessPattern.Sequential),
            new MemoryRequest(0, Pc(0) + 16 * MiB, 16 * MiB, false, AccessPattern.Sequential)).Max();
        Assert.True(mixed > readsOnly, $"{mixed} vs {readsOnly}");
    }

    [Fact]
    public void Random_small_requests_are_slower_than_sequential_ones()
    {
        var (sim, hbm) = Build();
        double seq = Finish(hbm, sim, new MemoryRequest(0, Pc(0), 64 * MiB, false, AccessPattern.Sequential, 64))[0];
        (sim, hbm) = Build();
        double random = Finish(hbm, sim, new MemoryRequest(0, Pc(0), 64 * MiB, false, AccessPattern.Random, 64))[0];
        Assert.True(random > 2 * seq, $"{random} vs {seq}");
    }

    [Fact]
    public void The_fixed_model_prices_bytes_over_bandwidth_times_efficiency()
    {
        var config = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"));
        var (sim, hbm) = Build(config);
        Assert.Equal("fixed", hbm.Name);
        double ms = Finish(hbm, sim, new MemoryRequest(0, 0, 64 * MiB, false, AccessPattern.Random, 64))[0];
        double expected = 64.0 * MiB / (config.HbmChannelBwBPerSec * config.HbmBwSameChannelEfficiency) * 1e3;
        Assert.Equal(expected, ms, 9);
    }

    [Fact]
    public void Reports_one_unit_per_PC_with_its_utilization()
    {
        var (sim, hbm) = Build();
        Assert.Equal(32, hbm.Units.Count);
        Assert.Equal("hbm.pc07", hbm.Units[7].Name);
        var reports = new ResourceReports();
        hbm.Watch(reports);
        Finish(hbm, sim, new MemoryRequest(0, Pc(3), 64 * MiB, false, AccessPattern.Sequential));
        var r = reports.Reports;
        Assert.Equal(32, r.Count);
        Assert.InRange(r[3].Utilization, 0.99, 1.0);
        Assert.Equal(1, r[3].Served);
        Assert.Equal(0, r[4].Utilization);
    }

    [Fact]
    public void Transfers_outside_the_memory_are_refused()
    {
        var (_, hbm) = Build();
        Assert.Throws<ArgumentOutOfRangeException>(() => hbm.Transfer(new MemoryRequest(0, hbm.CapacityBytes - 10, 64, false, AccessPattern.Sequential)));
        Assert.Throws<ArgumentOutOfRangeException>(() => hbm.Transfer(new MemoryRequest(0, 0, 0, false, AccessPattern.Sequential)));
    }

    [Fact]
    public void Unknown_models_and_options_are_input_errors_naming_the_key()
    {
        var e = Assert.Throws<InputException>(() => Build(HardwareConfigLoader.WithOverride(U280, "MEMORY.impl", "hbm9")));
        Assert.Contains("MEMORY.impl 'hbm9'", e.Message);
        e = Assert.Throws<InputException>(() => Build(HardwareConfigLoader.WithOverride(U280, "INTERCONNECT.impl", "mesh")));
        Assert.Contains("INTERCONNECT.impl 'mesh'", e.Message);
        e = Assert.Throws<InputException>(() => Build(HardwareConfigLoader.WithOverride(U280, "MEMORY.hbm2.cl", "14")));
        Assert.Contains("MEMORY.hbm2.cl", e.Message);
        e = Assert.Throws<InputException>(() => Build(HardwareConfigLoader.WithOverride(U280, "MEMORY.hbm2.banks", "0")));
        Assert.Contains("out of range", e.Message);
        Assert.Null(MemoryModels.Check(U280));
        Assert.Contains("DDR.impl", MemoryModels.Check(HardwareConfigLoader.WithOverride(U280, "DDR.impl", "lpddr")));
    }

    [Fact]
    public void Ddr_serves_the_configured_channels_and_capacity()
    {
        var sim = new Simulation();
        var ddr = MemoryModels.CreateDdr(sim, U280);
        Assert.Equal(2, ddr.Units.Count);
        Assert.Equal(32L << 30, ddr.CapacityBytes);
        double ms = Finish(ddr, sim, new MemoryRequest(0, 0, 64 * MiB, false, AccessPattern.Sequential))[0];
        double gbPerS = 64.0 * MiB / (ms * 1e6);
        Assert.Equal(19.2 * 0.8, gbPerS, 1);
    }
}
