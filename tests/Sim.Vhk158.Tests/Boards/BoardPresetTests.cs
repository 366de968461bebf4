using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Vhk158.Energy;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Machines.Detailed;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Validation;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Boards;

/// <summary>The board presets load as the boards issue describes them, and the U280 preset meets its fast calibration targets.</summary>
public class BoardPresetTests
{
    private static HardwareConfig Preset(string name) => HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", name));

    private static ProfileResult Run(HardwareConfig config, Stage stage, int tokens) =>
        new FpgaProfiler(config).Run(TestWorkloads.Compile(config, stage, tokens), $"{stage} {tokens}");

    [Fact]
    public void U280_preset_is_a_three_core_detailed_machine_with_an_energy_model()
    {
        var config = Preset("u280.yaml");
        var model = Assert.IsType<DetailedMachineModel>(MachineModels.Create(config));
        Assert.Equal(3, model.Options.Cores);
        Assert.Equal(4096, model.Options.MmMacsPerCycle);
        Assert.Equal(1024, model.Options.MvMacsPerCycle);
        Assert.Equal(225, config.ClockFreqMhz);
        Assert.Equal(460, config.HbmBwGBPerSec);
        Assert.True(model.Options.OnChip.Enabled);
        Assert.Equal(InstructionMemoryKind.Ddr, model.Options.InstructionMemory);
        Assert.NotNull(EnergyModels.Create(config));
    }

    [Fact]
    public void VHK158_detailed_preset_has_the_boards_memory_and_a_core_count_key()
    {
        var config = Preset("vhk158-detailed.yaml");
        var model = Assert.IsType<DetailedMachineModel>(MachineModels.Create(config));
        Assert.Equal(3, model.Options.Cores);
        // 3 cores x 2,048 DSPs fit the XCVH1582's 7,392 DSP58; 4 would not.
        Assert.True(3 * model.Options.MmMacsPerCycle / 2 <= 7392 && 4 * model.Options.MmMacsPerCycle / 2 > 7392);
        Assert.Equal(32, config.HbmChannelNum);
        Assert.Equal(819.2, config.HbmBwGBPerSec);
        var four = HardwareConfigLoader.WithOverrides(config, [("MACHINE.detailed.cores", "4")]);
        Assert.Equal(4, Assert.IsType<DetailedMachineModel>(MachineModels.Create(four)).Options.Cores);
    }

    [Fact]
    public void VHK158_reference_config_stays_the_artifacts()
    {
        var config = Preset("vhk158.yaml");
        Assert.Null(config.Machine);
        Assert.Null(EnergyModels.Create(config));
        Assert.IsNotType<DetailedMachineModel>(MachineModels.Create(config));
    }

    [Fact]
    public void U280_preset_meets_every_fast_calibration_target()
    {
        var config = Preset("u280.yaml");
        var checks = U280Calibration.Run(config, b => Run(config, b.Stage, b.Tokens), all: false);
        Assert.Contains(checks, c => c.Target == U280Calibration.Step);
        var missed = checks.Where(c => !c.Pass).Select(c => $"{c.Target.Name}: {c.Model:F3} vs {c.Target.Value} ({c.ErrorPercent:+0.0;-0.0} %)").ToList();
        Assert.True(missed.Count == 0, string.Join("; ", missed));
    }

    [Fact]
    public void A_check_outside_its_tolerance_fails()
    {
        var target = new CalibrationTarget("t", "s", 10, "ms", 3, true);
        Assert.True(new CalibrationCheck(target, 10.29).Pass);
        Assert.False(new CalibrationCheck(target, 10.31).Pass);
        Assert.False(new CalibrationCheck(target, 9.69).Pass);
        var bound = target with { AtMost = true, TolerancePercent = 0 };
        Assert.True(new CalibrationCheck(bound, 9).Pass);
        Assert.False(new CalibrationCheck(bound, 10.01).Pass);
    }

    [Fact]
    public void U280_decode_step_reads_the_compressed_models_3_44_GB()
    {
        var config = Preset("u280.yaml");
        var counts = ActivityCounts.Of(Run(config, Stage.Decode, 128));
        // The demo's 24 parameter PCs hold 3.44 GB (boards.md S4); the weight format is derived, not fitted: within 2 %.
        Assert.InRange(counts.HbmWeightBytes / 3.44e9, 0.98, 1.02);
        // Always-on-chip decode: nothing but the last token's result is written back.
        Assert.True(counts.HbmWriteBytes < 1024, $"{counts.HbmWriteBytes} B written");
        Assert.True(counts.OnChipBytes > 0);
        // Per core 1/3 of the MACs: the whole step's MACs are the model's (6.5 G for LLaMA2-7B's ~6.6 G params, q/k at 70 %).
        Assert.InRange(counts.MpeMacs / 1e9, 6.0, 6.7);
    }

    [Fact]
    public void Weight_bit_width_is_a_key_and_moves_the_bytes()
    {
        var config = Preset("u280.yaml");
        var four = ActivityCounts.Of(Run(config, Stage.Decode, 16)).HbmWeightBytes;
        var eight = ActivityCounts.Of(Run(HardwareConfigLoader.WithOverrides(config, [("MACHINE.detailed.weight_bits", "8")]), Stage.Decode, 16)).HbmWeightBytes;
        // bits per kept weight: 4 + 16/128 (+1/0.7 for pruned q/k) against 8 + 16/128 (+1/0.7): between 1.7x and 2x.
        double ratio = (double)eight / four;
        Assert.InRange(ratio, 1.7, 2.0);
    }
}
