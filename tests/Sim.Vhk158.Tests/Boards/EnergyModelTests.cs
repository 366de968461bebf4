using Sim.Vhk158.Config;
using Sim.Vhk158.Energy;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Machines.Detailed;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Tests.Boards;

/// <summary>The components energy model's arithmetic, the weight format's bytes, and the ENERGY section's errors.</summary>
public class EnergyModelTests
{
    private static ProfileResult Step(double ms, params (string Name, long Amount)[] counters) => new(
        [new UnitTotal(UnitInfo.ForModule(Module.LD), 1, ms), .. counters.Select(c => new UnitTotal(new UnitInfo("count." + c.Name, "counter", -1, null), c.Amount, 0))],
        ms, 0);

    private static readonly ComponentEnergyModel Model = new(new ComponentEnergyOptions(StaticWatts: 30, HbmPjPerBit: 7, DdrPjPerBit: 20, MpePjPerMac: 1, SfuPjPerElement: 10, OnChipPjPerBit: 0.5));

    [Fact]
    public void Energy_is_static_power_plus_activity_times_energy_per_unit()
    {
        var run = Step(20, ("hbm_read_bytes", 1_000_000_000), ("hbm_write_bytes", 250_000_000), ("ddr_read_bytes", 1_000_000),
            ("mpe_macs", 2_000_000_000), ("sfu_elements", 1_000_000), ("onchip_bytes", 4_000_000));
        var e = Model.Of(run);
        Assert.Equal(0.6, e.StaticJ, 12);                    // 30 W x 20 ms
        Assert.Equal(1.25e9 * 8 * 7e-12, e.HbmJ, 12);        // 0.07 J
        Assert.Equal(1e6 * 8 * 20e-12, e.DdrJ, 12);
        Assert.Equal(2e9 * 1e-12, e.MpeJ, 12);
        Assert.Equal(1e6 * 10e-12, e.SfuJ, 12);
        Assert.Equal(4e6 * 8 * 0.5e-12, e.OnChipJ, 12);
        Assert.Equal(e.TotalJ / 0.020, e.Watts, 9);
        Assert.Equal(30, Model.IdleWatts);
    }

    [Fact]
    public void A_profile_without_counters_has_no_energy()
    {
        var error = Assert.ThrowsAny<Exception>(() => Model.Of(Step(1)));
        Assert.Contains("ENERGY.components", error.Message);
    }

    [Fact]
    public void Weight_loads_move_value_scale_and_index_bits_of_the_kept_weights()
    {
        var format = new WeightFormat(ValueBits: 4, ScaleBits: 16, GroupSize: 128, IndexBits: 1);
        var pruned = Instruction.Ld(1000, 8, false, LoadTarget.ABuffer, 2 / 0.7).Moves(Operand.Weight).Keeps(0.7);
        Assert.Equal(1000 * 0.7 * (4 + 16.0 / 128 + 1 / 0.7) / 8, format.Bytes(pruned, 1), 9);
        var dense = Instruction.Ld(1000, 8, false, LoadTarget.ABuffer, 2).Moves(Operand.Weight).Keeps(1);
        Assert.Equal(1000 * (4 + 16.0 / 128) / 8 / 3, format.Bytes(dense, 1.0 / 3), 9);
        // Without a value width the artifact's INT4 ratio holds, and activations are never compressed.
        Assert.Equal(500, new WeightFormat(0, 0, 128, 0).Bytes(dense, 1), 9);
        var activation = Instruction.Ld(1000, 1, true, LoadTarget.BBuffer).Moves(Operand.ActivationVector);
        Assert.Equal(1000, format.Bytes(activation, 1), 9);
    }

    [Fact]
    public void Decode_weights_split_over_cores_and_activations_do_not()
    {
        var weight = Instruction.Ld(1000, 8, false, LoadTarget.ABuffer, 2).Moves(Operand.Weight);
        var activation = Instruction.Ld(1000, 1, true, LoadTarget.BBuffer).Moves(Operand.ActivationVector);
        var kv = Instruction.Ld(1000, 8, false, LoadTarget.ABuffer).Moves(Operand.Attention);
        Assert.Equal(1.0 / 3, CoreShare.Of(weight, 3));
        Assert.Equal(1.0 / 3, CoreShare.Of(kv, 3));
        Assert.Equal(1.0, CoreShare.Of(activation, 3));
    }

    [Fact]
    public void An_unknown_energy_model_is_one_error_naming_the_key()
    {
        var config = HardwareConfigLoader.WithOverrides(TestWorkloads.Config(), [("ENERGY.impl", "nope")]);
        var error = Assert.ThrowsAny<Exception>(() => EnergyModels.Create(config));
        Assert.Contains("ENERGY.impl 'nope'", error.Message);
        var option = HardwareConfigLoader.WithOverrides(TestWorkloads.Config(), [("ENERGY.impl", "components"), ("ENERGY.components.volts", "1")]);
        Assert.Contains("ENERGY.components.volts", Assert.ThrowsAny<Exception>(() => EnergyModels.Create(option)).Message);
    }
}
