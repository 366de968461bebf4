using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Machines;
using Sim.Vhk158.Machines.Reference;
using Sim.Vhk158.Pipeline;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Machines;

/// <summary>Machine models are picked by name from the config, with their own options in their own section.</summary>
public class MachineModelsTests
{
    private static HardwareConfig Parse(string extra) =>
        HardwareConfigLoader.Parse(File.ReadAllText(Path.Combine(Sim.Tests.Shared.ReferenceData.RepoRoot, "configs", "vhk158.yaml")) + "\n" + extra, "test.yaml").GetOrThrow();

    [Fact]
    public void A_flat_config_runs_the_reference_machine()
    {
        var model = MachineModels.Create(TestWorkloads.Config());
        Assert.Equal("reference", model.Name);
        Assert.IsType<ReferenceMachineModel>(model);
        Assert.Contains("reference", MachineModels.Names);
    }

    [Fact]
    public void An_unknown_TIMING_MODEL_names_the_key_and_the_known_models()
    {
        var config = HardwareConfigLoader.WithOverride(TestWorkloads.Config(), "TIMING_MODEL", "fancy");
        Assert.Equal("TIMING_MODEL 'fancy' is not a known machine model (known: detailed, reference)", MachineModels.Check(config));
        Assert.Throws<InputException>(() => new FpgaProfiler(config));
    }

    [Fact]
    public void The_MACHINE_section_selects_the_model_and_nests_its_options()
    {
        var config = Parse("MACHINE:\n  impl: reference\n  reference:\n    correction_factor: 1.6\n");
        Assert.Equal("reference", config.MachineName);
        Assert.Equal("1.6", config.Machine!.For("reference")["correction_factor"]);
        Assert.Contains(HardwareConfigLoader.Entries(config), e => e is { Key: "MACHINE.reference.correction_factor", Value: "1.6" });
        Assert.Null(MachineModels.Check(config));
    }

    [Theory]
    [InlineData("MACHINE:\n  impl: warp\n", "MACHINE.impl 'warp' is not a known machine model")]
    [InlineData("MACHINE:\n  impl: reference\n  reference:\n    clock: 3\n", "MACHINE.reference.clock: 'reference' has no option 'clock'")]
    [InlineData("MACHINE:\n  impl: reference\n  reference:\n    correction_factor: fast\n", "MACHINE.reference.correction_factor: expected a number, got 'fast'")]
    [InlineData("MACHINE:\n  impl: reference\n  reference:\n    correction_factor: -1\n", "MACHINE.reference.correction_factor: -1 is out of range")]
    [InlineData("MACHINE:\n  impl: reference\n  warp:\n    cores: 3\n", "MACHINE.warp: 'warp' is not a known machine model")]
    [InlineData("MACHINE:\n  impl: detailed\n  detailed:\n    cores: 0\n", "MACHINE.detailed.cores: 0 is out of range")]
    public void Bad_machine_settings_are_one_input_error_naming_the_key(string section, string expected)
    {
        var message = MachineModels.Check(Parse(section));
        Assert.NotNull(message);
        Assert.StartsWith(expected, message);
    }

    [Theory]
    [InlineData("MACHINE: reference\n", "MACHINE: expected a mapping")]
    [InlineData("MACHINE:\n  reference:\n    correction_factor: 3.2\n", "MACHINE: missing 'impl: NAME'")]
    [InlineData("MACHINE:\n  impl: reference\n  reference: 3\n", "MACHINE.reference: expected a mapping")]
    public void A_malformed_section_is_a_config_error_with_its_line(string section, string expected)
    {
        var yaml = File.ReadAllText(Path.Combine(Sim.Tests.Shared.ReferenceData.RepoRoot, "configs", "vhk158.yaml"));
        var result = HardwareConfigLoader.Parse(yaml + "\n" + section, "test.yaml");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(expected, error.Message);
        Assert.NotNull(error.Line);
    }

    /// <summary>The option is real: halving the artifact's correction factor doubles every duration, so the latency doubles exactly.</summary>
    [Fact]
    public void The_correction_factor_option_scales_every_duration()
    {
        var baseline = TestWorkloads.Config();
        var halved = Parse("MACHINE:\n  impl: reference\n  reference:\n    correction_factor: 1.6\n");
        var program = TestWorkloads.Program(Stage.Decode, 64);
        var a = new FpgaProfiler(baseline).Profile(program, null, "a");
        var b = new FpgaProfiler(halved).Profile(program, null, "b");
        Assert.Equal(2 * a.TotalMs, b.TotalMs, 1e-9 * a.TotalMs);
        Assert.Equal(a.TotalCount, b.TotalCount);
    }
}
