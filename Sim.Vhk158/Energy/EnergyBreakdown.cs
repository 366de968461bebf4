namespace Sim.Vhk158.Energy;

/// <summary>Energy of a run by component (J) over its duration (s).</summary>
public sealed record EnergyBreakdown(double DurationS, double StaticJ, double HbmJ, double DdrJ, double MpeJ, double SfuJ, double OnChipJ)
{
    public static EnergyBreakdown Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public double DynamicJ => HbmJ + DdrJ + MpeJ + SfuJ + OnChipJ;
    public double TotalJ => StaticJ + DynamicJ;

    /// <summary>Average power over the run (W).</summary>
    public double Watts => DurationS > 0 ? TotalJ / DurationS : 0;

    public static EnergyBreakdown operator +(EnergyBreakdown a, EnergyBreakdown b) => new(
        a.DurationS + b.DurationS, a.StaticJ + b.StaticJ, a.HbmJ + b.HbmJ, a.DdrJ + b.DdrJ, a.MpeJ + b.MpeJ, a.SfuJ + b.SfuJ, a.OnChipJ + b.OnChipJ);
}
