namespace Sim.Vhk158.Validation;

/// <summary>
/// A measured number the model must reproduce: what, where it was measured, its value and unit,
/// the tolerance (±%, or for <see cref="AtMost"/> a bound the model must not exceed), and whether
/// it is fast enough to check in CI.
/// </summary>
public sealed record CalibrationTarget(string Name, string Source, double Value, string Unit, double TolerancePercent, bool Fast, bool AtMost = false);

/// <summary>A target and what the model gives for it.</summary>
public sealed record CalibrationCheck(CalibrationTarget Target, double Model)
{
    /// <summary>Model against target, in percent.</summary>
    public double ErrorPercent => 100 * (Model / Target.Value - 1);

    public bool Pass => Target.AtMost
        ? Model <= Target.Value * (1 + Target.TolerancePercent / 100)
        : Math.Abs(ErrorPercent) <= Target.TolerancePercent;
}
