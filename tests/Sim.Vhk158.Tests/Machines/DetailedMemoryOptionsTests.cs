using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Machines;

/// <summary>
/// Where the detailed machine keeps its instructions (DDR or an HBM pseudo-channel) and its SFU's
/// lookup tables (DDR), and what that traffic does to the rest of the memory.
/// </summary>
public class DetailedMemoryOptionsTests
{
    private static HardwareConfig U280() => HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "u280.yaml"));

    private static HardwareConfig Detailed(HardwareConfig config, params (string Option, string Value)[] options) =>
        HardwareConfigLoader.WithOverrides(config, [("MACHINE.impl", "detailed"), .. options.Select(o => ($"MACHINE.detailed.{o.Option}", o.Value))]);

    private static ProfileResult Run(HardwareConfig config, Stage stage, int tokens, IRunObserver? observer = null) =>
        new FpgaProfiler(config).Run(TestWorkloads.Compile(config, stage, tokens), $"{stage} {tokens}", observer);

    private static double Busy(ProfileResult result, string unit) => result.Units.Single(u => u.Unit.Name == unit).BusyMs;

    /// <summary>
    /// One core on the U280: weights stream from PC 8 (B_BUFFER_HBM_CHANNEL_ID), and the artifact
    /// keeps instructions on PC 9 (INST_HBM_CHANNEL_ID), which no load touches. Moving them onto
    /// PC 8 makes fetch contend with the weight loads. The loads are made channel-bound (many
    /// requests in flight) and fetch reads come in 16 KB bursts, so a burst booked ahead of a load
    /// delays it by more than the load's own latency would hide.
    /// </summary>
    [Fact]
    public void Instructions_in_an_HBM_channel_slow_the_loads_that_share_it()
    {
        var saturated = HardwareConfigLoader.WithOverrides(U280(), [("MEMORY.hbm2.master_outstanding", "256")]);
        // One core on PCs 0..31 in order (the preset's three cores on PCs 4i+k would put core 1's loads on PC 9).
        (string, string)[] fetch = [("cores", "1"), ("channel_stride", "1"), ("instruction_memory", "hbm"), ("instruction_queue_depth", "2048"), ("fetch_batch", "1024")];
        var apart = Run(Detailed(saturated, fetch), Stage.Decode, 64);
        var together = Run(Detailed(saturated, [.. fetch, ("instruction_pc", "8")]), Stage.Decode, 64);
        Assert.True(Busy(apart, "hbm.pc09") > 0, "the fetch reads show on the instruction channel's row");
        Assert.Equal(0, Busy(together, "hbm.pc09"));
        Assert.True(Busy(together, "LD") > Busy(apart, "LD"), $"LD busy {Busy(together, "LD")} ms with fetch on its PC vs {Busy(apart, "LD")} ms apart");
        Assert.True(together.TotalMs > apart.TotalMs, $"{together.TotalMs} ms vs {apart.TotalMs} ms");
        Assert.Equal(apart.TotalCount, together.TotalCount);
    }

    [Fact]
    public void Instructions_in_HBM_need_a_memory_section_and_an_existing_channel()
    {
        var noMemory = Detailed(TestWorkloads.Config(), ("instruction_memory", "hbm"));
        var e = Assert.Throws<InputException>(() => MachineModels.Create(noMemory));
        Assert.Contains("MACHINE.detailed.instruction_memory", e.Message);
        Assert.Contains("MEMORY", e.Message);
        var outside = Detailed(U280(), ("instruction_memory", "hbm"), ("instruction_pc", "40"));
        Assert.Contains("HBM_CHANNEL_NUM is 32", Assert.Throws<InputException>(() => MachineModels.Create(outside)).Message);
        var both = Detailed(U280(), ("instruction_memory", "hbm"), ("fetch_from_ddr", "1"));
        Assert.Contains("fetch_from_ddr", Assert.Throws<InputException>(() => MachineModels.Create(both)).Message);
        var unknown = Detailed(U280(), ("instruction_memory", "sram"));
        Assert.Contains("expected one of resident, ddr, hbm, got 'sram'", Assert.Throws<InputException>(() => MachineModels.Create(unknown)).Message);
    }

    [Fact]
    public void The_old_fetch_switch_means_instructions_in_DDR()
    {
        var old = Run(Detailed(U280(), ("fetch_from_ddr", "1"), ("instruction_queue_depth", "64")), Stage.Decode, 16);
        var named = Run(Detailed(U280(), ("instruction_memory", "ddr"), ("instruction_queue_depth", "64")), Stage.Decode, 16);
        Assert.Equal(ProfilerCsv.Format(old), ProfilerCsv.Format(named));
    }

    /// <summary>
    /// Softmax and SiLU read their tables from DDR. With no table on chip every such instruction
    /// reads one (one DDR request each, on every core); with both on chip each core reads each
    /// table once; either way the DDR serves fetch and tables together.
    /// </summary>
    [Fact]
    public void Lookup_tables_add_DDR_traffic_beside_instruction_fetch()
    {
        const int cores = 2;
        var config = U280();
        long lookups = TestWorkloads.Compile(config, Stage.Decode, 64)
            .Sum(g => g.Instructions.Queue(Module.MISC).ToArray().Count(i => i.Op is MiscOp.Softmax or MiscOp.Silu));
        Assert.True(lookups > 0);

        (ProfileResult Result, long Served) RunWith(params (string, string)[] options)
        {
            var reports = new ResourceReports();
            var result = Run(Detailed(config, [("cores", $"{cores}"), ("instruction_memory", "ddr"), .. options]), Stage.Decode, 64, reports);
            return (result, reports.Reports.Where(r => r.Kind == "ddr-channel").Sum(r => r.Served));
        }

        var (fetchOnly, fetchReads) = RunWith();
        var (everyTime, everyTimeReads) = RunWith(("lut_bytes", "4096"), ("lut_resident", "0"));
        var (onChip, onChipReads) = RunWith(("lut_bytes", "4096"), ("lut_resident", "2"));
        // Both table runs place the streams alike (the tables sit above them), so their fetch reads are the same:
        // reading every time costs one read per lookup where resident tables cost two per core in all.
        Assert.Equal(cores * (lookups - 2), everyTimeReads - onChipReads);
        Assert.True(onChipReads > fetchReads, $"{onChipReads} DDR reads with tables vs {fetchReads} without");
        Assert.True(everyTime.TotalMs > onChip.TotalMs, $"{everyTime.TotalMs} ms reading tables every time vs {onChip.TotalMs} ms");
        Assert.True(Busy(everyTime, "core0.MISC") > Busy(fetchOnly, "core0.MISC"), "the SFU holds its instruction while the table arrives");
    }
}
