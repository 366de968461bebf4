using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Energy;

/// <summary>
/// The <c>components</c> energy model: static power over the run's duration plus energy per unit
/// of activity of each component: HBM and DDR per bit moved, the MPE per MAC slot, the SFU per
/// element, on-chip buffers per bit moved. The activity comes from the detailed machine's
/// counters, so a machine without them (the reference) is an input error naming the section.
/// </summary>
public sealed class ComponentEnergyModel(ComponentEnergyOptions o) : IEnergyModel
{
    private const double PicoJoule = 1e-12;

    public string Name => ComponentEnergyFactory.ModelName;

    public double IdleWatts => o.StaticWatts;

    public EnergyBreakdown Of(ProfileResult run)
    {
        var c = ActivityCounts.Of(run);
        if (!c.Present)
            throw new InputException($"ENERGY.{Name} needs the activity counters of the detailed machine (MACHINE.impl: detailed); this machine reports none");
        double seconds = run.TotalMs / 1000;
        return new EnergyBreakdown(
            seconds,
            o.StaticWatts * seconds,
            8.0 * (c.HbmReadBytes + c.HbmWriteBytes) * o.HbmPjPerBit * PicoJoule,
            8.0 * c.DdrReadBytes * o.DdrPjPerBit * PicoJoule,
            c.MpeMacs * o.MpePjPerMac * PicoJoule,
            c.SfuElements * o.SfuPjPerElement * PicoJoule,
            8.0 * c.OnChipBytes * o.OnChipPjPerBit * PicoJoule);
    }
}

/// <summary>The <c>components</c> model's options (<c>ENERGY.components.*</c>).</summary>
public sealed record ComponentEnergyOptions(double StaticWatts, double HbmPjPerBit, double DdrPjPerBit, double MpePjPerMac, double SfuPjPerElement, double OnChipPjPerBit)
{
    public static IReadOnlyList<ComponentOption> Declared { get; } =
    [
        new("static_w", 0, "board power with the design loaded and idle (W): FPGA static, clocks, memories' background, fans, regulators", Min: 0, Max: 1e4),
        new("hbm_pj_per_bit", 0, "HBM energy per bit read or written (pJ)", Min: 0, Max: 1e4),
        new("ddr_pj_per_bit", 0, "DDR energy per bit read (pJ)", Min: 0, Max: 1e4),
        new("mpe_pj_per_mac", 0, "matrix engine energy per MAC slot (pJ): per cycle of MM/MV work times MACs per cycle", Min: 0, Max: 1e4),
        new("sfu_pj_per_element", 0, "SFU energy per element slot (pJ)", Min: 0, Max: 1e6),
        new("onchip_pj_per_bit", 0, "on-chip buffer energy per bit of an activation moved on chip (pJ)", Min: 0, Max: 1e4),
    ];

    public static ComponentEnergyOptions From(ComponentOptions o) => new(
        o["static_w"], o["hbm_pj_per_bit"], o["ddr_pj_per_bit"], o["mpe_pj_per_mac"], o["sfu_pj_per_element"], o["onchip_pj_per_bit"]);
}

/// <summary>Registers the <c>components</c> energy model.</summary>
public sealed class ComponentEnergyFactory : IEnergyModelFactory
{
    public const string ModelName = "components";

    public string Name => ModelName;

    public string Description => "static power plus energy per bit (HBM, DDR, on chip), per MAC (MPE) and per element (SFU) of the detailed machine's activity";

    public IReadOnlyList<ComponentOption> Options => ComponentEnergyOptions.Declared;

    public IEnergyModel Create(HardwareConfig config, ComponentOptions options) => new ComponentEnergyModel(ComponentEnergyOptions.From(options));
}
