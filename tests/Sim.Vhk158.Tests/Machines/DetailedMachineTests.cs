using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Machines.Detailed;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Tests.Machines;

/// <summary>The detailed machine: degenerate equivalence with the reference, and what its contended parts do.</summary>
public class DetailedMachineTests
{
    /// <summary>One core, the reference's memory formulas, no fetch, unbounded queues and the 3.2 factor on.</summary>
    public static HardwareConfig Degenerate(HardwareConfig config) =>
        HardwareConfigLoader.WithOverrides(config, [("MACHINE.impl", "detailed"), ("MACHINE.detailed.correction_factor", "3.2")]);

    private static HardwareConfig Detailed(HardwareConfig config, params (string Option, string Value)[] options) =>
        HardwareConfigLoader.WithOverrides(config, [("MACHINE.impl", "detailed"), .. options.Select(o => ($"MACHINE.detailed.{o.Option}", o.Value))]);

    private static ProfileResult Run(HardwareConfig config, Stage stage, int tokens, IRunObserver? observer = null) =>
        new FpgaProfiler(config).Run(TestWorkloads.Compile(config, stage, tokens), $"{stage} {tokens}", observer);

    [Theory]
    [InlineData("decode", 16)]
    [InlineData("decode", 528)]
    [InlineData("prefill", 128)]
    public void Degenerate_detailed_machine_prints_the_reference_CSV(string stage, int tokens)
    {
        var config = TestWorkloads.Config();
        var s = stage == "prefill" ? Stage.Prefill : Stage.Decode;
        Assert.IsType<DetailedMachineModel>(MachineModels.Create(Degenerate(config)));
        Assert.Equal(ProfilerCsv.Format(Run(config, s, tokens)), ProfilerCsv.Format(Run(Degenerate(config), s, tokens)));
    }

    /// <summary>All 144 reference files: the degenerate detailed machine prints the artifact's CSVs byte for byte.</summary>
    [SkippableFact]
    public void Degenerate_detailed_machine_reproduces_all_144_reference_CSVs()
    {
        ReferenceData.SkipIfAbsent();
        var config = Degenerate(HardwareConfigLoader.Load(ReferenceData.ConfigPath));
        var source = new IrDirectorySource(ReferenceData.IrDir);
        var buckets = Directory.GetFiles(ReferenceData.IrDir, "llama2_*_token_*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split('_'))
            .Select(p => new Bucket(p[1] == "prefill" ? Stage.Prefill : Stage.Decode, int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(144, buckets.Count);
        var results = new SimulationPipeline(config, source, cache: null).Run(buckets);
        var mismatches = buckets.Where(b =>
        {
            var name = ProfilerCsv.FileName("llama2", b.Stage, b.Tokens);
            return ProfilerCsv.Format(results[b]) != File.ReadAllText(Path.Combine(ReferenceData.ProfilerDir, name));
        }).ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} CSVs differ, first {mismatches.FirstOrDefault()}");
    }

    [Fact]
    public void Without_the_correction_factor_every_instruction_takes_its_datapath_time()
    {
        var config = TestWorkloads.Config();
        var reference = Run(config, Stage.Decode, 64);
        var detailed = Run(Detailed(config), Stage.Decode, 64);
        Assert.Equal(3.2 * reference.TotalMs, detailed.TotalMs, 1e-9 * detailed.TotalMs);
    }

    [Fact]
    public void More_cores_split_the_work_and_report_each_core_and_engine()
    {
        var config = TestWorkloads.Config();
        var one = Run(Detailed(config), Stage.Decode, 64);
        var three = Run(Detailed(config, ("cores", "3")), Stage.Decode, 64);
        Assert.True(three.TotalMs < one.TotalMs, $"3 cores {three.TotalMs} ms vs 1 core {one.TotalMs} ms");
        Assert.True(three.TotalMs > one.TotalMs / 3, "activation loads are not split, so 3 cores are less than 3x faster");
        Assert.Equal(one.TotalCount * 3, three.TotalCount); // every core runs every instruction (on its share)
        var names = three.Units.Select(u => u.Unit.Name).ToList();
        Assert.Contains("core2.MV", names);
        Assert.Contains("core0.MPE", names);
        Assert.Contains("core1.SFU", names);
        var mpe = three.Units.Single(u => u.Unit.Name == "core0.MPE");
        Assert.Equal(three.Units.Where(u => u.Unit.Name is "core0.MM" or "core0.MV").Sum(u => u.BusyMs), mpe.BusyMs, 1e-9);
    }

    [Fact]
    public void Fetching_instructions_from_a_slow_DDR_into_short_queues_stalls_the_modules()
    {
        var config = TestWorkloads.Config();
        var resident = Run(Detailed(config), Stage.Decode, 64);
        var slowDdr = HardwareConfigLoader.WithOverrides(config, [("DDR.impl", "ddr"), ("DDR.ddr.channel_gb_per_s", "0.05")]);
        var fetched = Run(Detailed(slowDdr, ("fetch_from_ddr", "1"), ("instruction_queue_depth", "16")), Stage.Decode, 64);
        Assert.True(fetched.TotalMs > resident.TotalMs * 1.5, $"fetched {fetched.TotalMs} ms vs resident {resident.TotalMs} ms");
        Assert.Equal(resident.TotalCount, fetched.TotalCount);
        // Stalls are waiting, not work (the fetched machine also lists its activity counters, which are never busy).
        Assert.Equal(resident.Units.Select(u => u.BusyMs), fetched.Units.Where(u => u.Unit.Kind != "counter").Select(u => u.BusyMs));
        Assert.True(fetched.Units.Single(u => u.Unit.Name == "count.ddr_read_bytes").Count > 0);
    }

    [Fact]
    public void A_mode_switch_costs_cycles_only_where_MM_and_MV_alternate()
    {
        var config = TestWorkloads.Config();
        var decode = Run(Detailed(config), Stage.Decode, 64);
        var switching = Run(Detailed(config, ("mpe_mode_switch_cycles", "100")), Stage.Decode, 64);
        Assert.Equal(decode.TotalMs, switching.TotalMs); // decode never uses MM: no switch
    }

    /// <summary>
    /// With a MEMORY section loads and stores go through the HBM model: the U280's HBM2 behind its
    /// crossbar. The step is slower than with the artifact's fixed efficiencies, and the report
    /// names every pseudo-channel that served it.
    /// </summary>
    [Fact]
    public void Loads_and_stores_contend_for_the_pseudo_channels_of_the_memory_section()
    {
        var u280 = HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "u280.yaml"));
        var analytic = Detailed(u280, ("cores", "3"));
        var withHbm = Run(analytic, Stage.Decode, 128, new ResourceReports());
        var reports = new ResourceReports();
        var run = Run(analytic, Stage.Decode, 128, reports);
        Assert.Equal(withHbm.TotalMs, run.TotalMs); // deterministic, watched or not
        var channels = reports.Reports.Where(r => r.Name.Contains("pc", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(channels);
        Assert.Contains(channels, c => c.Utilization > 0);
        Assert.All(channels, c => Assert.InRange(c.Utilization, 0, 1 + 1e-9));
    }
}
