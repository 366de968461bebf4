using Sim.Core.Errors;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Machines.Reference;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Pipeline;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Tests.Machines;

public class ReferenceMachineTests
{
    public static TheoryData<string, string, int, string> Variants() => new()
    {
        // name, stage, tokens, overrides "KEY=V;KEY=V"
        { "reference", "decode", 16, "" },
        { "reference", "decode", 528, "" },
        { "fast clock", "decode", 1024, "CLOCK_FREQ_MHZ=300" },
        { "slow HBM", "decode", 256, "HBM_BW_GB_PER_SEC=460;HBM_BW_SAME_CHANNEL_EFFICIENCY=0.8" },
        { "small buffers", "decode", 512, "A_BUFFER_DEPTH=2048;GLOBAL_BUFFER_DEPTH=256" },
        { "wide MV", "decode", 1024, "MV_PARALLEL_N=128;MV_START_N_NUM=1024" },
        { "reference", "prefill", 128, "" },
        { "odd clock", "prefill", 256, "CLOCK_FREQ_MHZ=187.5;HBM_BW_CROSS_CHANNEL_EFFICIENCY=0.4" },
    };

    /// <summary>
    /// Spec §4.4: any order that runs only ready instructions gives bit-identical times. The DES
    /// machine must agree with a round-robin dataflow sweep to the last bit, on any config.
    /// </summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void Des_machine_agrees_bitwise_with_a_dataflow_sweep(string name, string stage, int tokens, string overrides)
    {
        var config = TestWorkloads.With(overrides.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(o => o.Split('=')).Select(kv => (kv[0], kv[1])).ToArray());
        var program = TestWorkloads.Compile(config, stage == "prefill" ? Stage.Prefill : Stage.Decode, tokens);
        var des = new FpgaProfiler(config).Run(program, name);
        var oracle = DataflowOracle.Run(program, new ReferencePricing(config));
        Assert.Equal(oracle.TotalMs, des.TotalMs);
        Assert.Equal(oracle.Units, des.Units);
        Assert.True(des.Events > des.TotalCount / 2, "the machine runs through the event queue");
    }

    [Fact]
    public void Total_is_the_sum_of_group_spans_and_at_least_every_busy_time()
    {
        var config = TestWorkloads.Config();
        var program = TestWorkloads.Compile(config, Stage.Decode, 128);
        var r = new FpgaProfiler(config).Run(program, "decode 128");
        foreach (var u in r.Units) Assert.True(u.BusyMs <= r.TotalMs);
        Assert.True(r.Utilization(Module.MV) > 50, "decode is MV-bound");
    }

    [Fact]
    public void A_token_that_never_comes_is_a_deadlock_naming_the_modules_and_layer()
    {
        var list = new InstructionList();
        list.Add(Instruction.Ld(16, 1, false, LoadTarget.ABuffer));
        list.Add(Instruction.Mv(8, false, 1).Waits(ModuleSet.Of(Module.LD)).Releases(ModuleSet.Of(Module.ST)));
        list.Add(Instruction.St(16, 1).Waits(ModuleSet.Of(Module.MV)));
        var group = new CompiledGroup(new LayerGroup(0, Layer("broken_layer"), FusionKind.None, []), list, true);
        var e = Assert.Throws<InputException>(() => new FpgaProfiler(TestWorkloads.Config()).Run([group], "x.yaml"));
        Assert.Contains("deadlock", e.Message);
        Assert.Contains("MV", e.Message);
        Assert.Contains("LD", e.Message);
        Assert.Contains("broken_layer", e.Message);
    }

    [Fact]
    public void A_token_nobody_takes_is_reported_with_its_module_pair()
    {
        var list = new InstructionList();
        list.Add(Instruction.Ld(16, 1, false, LoadTarget.ABuffer).Releases(ModuleSet.Of(Module.MV)));
        list.Add(Instruction.St(16, 1));
        var group = new CompiledGroup(new LayerGroup(0, Layer("leaky"), FusionKind.None, []), list, true);
        var e = Assert.Throws<InputException>(() => new FpgaProfiler(TestWorkloads.Config()).Run([group], "x.yaml"));
        Assert.Contains("LD→MV", e.Message);
        Assert.Contains("leaky", e.Message);
    }

    [Fact]
    public void An_unbalanced_checked_pair_fails_the_static_token_check()
    {
        var list = new InstructionList();
        list.Add(Instruction.Ld(16, 1, false, LoadTarget.ABuffer));
        list.Add(Instruction.Misc(MiscOp.Silu, 2).Releases(ModuleSet.Of(Module.ST)));
        list.Add(Instruction.Misc(MiscOp.Silu, 2).Releases(ModuleSet.Of(Module.ST)));
        list.Add(Instruction.St(16, 1).Waits(ModuleSet.Of(Module.MISC)));
        var group = new CompiledGroup(new LayerGroup(0, Layer("twice"), FusionKind.None, []), list, true);
        var e = Assert.Throws<InputException>(() => new FpgaProfiler(TestWorkloads.Config()).Run([group], "x.yaml"));
        Assert.Contains("MISC→ST", e.Message);
    }

    /// <summary>
    /// Groups are compiled only a few barriers ahead of execution, even for modules that have no
    /// work (MV in prefill): a prefill program must never be held whole.
    /// </summary>
    [Fact]
    public void Groups_are_compiled_just_ahead_of_execution()
    {
        var config = TestWorkloads.Config();
        var program = new ProgramCompiler(config, TestWorkloads.SyntheticMasks, "prefill 128").Compile(TestWorkloads.Program(Stage.Prefill, 128));
        var watch = new CompileAheadWatch();
        new FpgaProfiler(config).Run(program, "prefill 128", watch);
        Assert.Equal(354, watch.Begun);
        Assert.True(watch.MaxAhead <= 8, $"compiled {watch.MaxAhead} groups ahead of execution (window {ProgramFeed.Window})");
    }

    /// <summary>
    /// Resource reports of the token FIFOs: each FIFO serves exactly as many gets as instructions
    /// wait on it, and watching changes no result.
    /// </summary>
    [Fact]
    public void Watched_token_fifos_count_every_wait_and_change_nothing()
    {
        var config = TestWorkloads.Config();
        var program = TestWorkloads.Compile(config, Stage.Decode, 32);
        var plain = new FpgaProfiler(config).Run(program, "decode 32");
        var reports = new ResourceReports();
        var watched = new FpgaProfiler(config).Run(program, "decode 32", reports);
        Assert.Equal(plain.Units, watched.Units);
        Assert.Equal((plain.TotalMs, plain.Events), (watched.TotalMs, watched.Events));

        var waits = new Dictionary<string, long>();
        foreach (var g in program)
            for (int m = 0; m < ModuleSet.Count; m++)
            foreach (var ins in g.Instructions.Queue((Module)m))
                for (int from = 0; from < ModuleSet.Count; from++)
                    if (ins.Wait.Contains((Module)from))
                        waits[$"{(Module)from}->{ins.Module}"] = waits.GetValueOrDefault($"{(Module)from}->{ins.Module}") + 1;
        var byName = reports.Reports.ToDictionary(r => r.Name);
        Assert.Equal(30, byName.Count);
        foreach (var (name, count) in waits) Assert.Equal(count, byName[name].Served);
        Assert.All(byName.Values, r => Assert.True(r.MeanQueue >= 0 && r.MaxQueue >= r.MeanQueue && r.MaxWaitMs >= r.MeanWaitMs));
        Assert.Contains(byName.Values, r => r.MaxWaitMs > 0); // some module does stall on another
    }

    private sealed class CompileAheadWatch : RunObserver
    {
        private int _maxRecorded = -1;
        public int Begun { get; private set; }
        public int MaxAhead { get; private set; }

        public override void BeginGroup(LayerGroup group)
        {
            Begun++;
            MaxAhead = Math.Max(MaxAhead, group.Index - _maxRecorded);
        }

        public override void Executed(int unit, in Instruction instruction, double start, double duration, int group) =>
            _maxRecorded = Math.Max(_maxRecorded, group);
    }

    private static IrLayer Layer(string name) =>
        new(name, LayerType.Layernorm, [new IrTensor("x", new Shape3(1, 1, 4096), "int8")], [new IrTensor("y", new Shape3(1, 1, 4096), "int8")], null, IrStructure.Empty);
}
