using Sim.Vhk158.Config;

namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// The <c>reference</c> machine model: the FlightLLM artifact's profiler, event by event. Its one
/// option is the correction factor the artifact divides every duration by.
/// </summary>
public sealed class ReferenceMachineFactory : IMachineModelFactory
{
    public const string ModelName = "reference";

    /// <summary>The artifact's profiler divides every duration by this hard-coded factor (spec §4.1).</summary>
    public const double ArtifactCorrectionFactor = 3.2;

    public const string CorrectionFactorOption = "correction_factor";

    public string Name => ModelName;

    public string Description => "the FlightLLM artifact's profiler: six module queues of one core joined by token FIFOs, analytic prices, no contention";

    public IReadOnlyList<ComponentOption> Options { get; } =
    [
        new(CorrectionFactorOption, ArtifactCorrectionFactor,
            "every duration is divided by this; 3.2 is the artifact's hard-coded value (spec §4.1)", Min: 1e-6, Max: 1e6),
    ];

    public IMachineModel Create(HardwareConfig config, ComponentOptions options) =>
        new ReferenceMachineModel(new ReferencePricing(config, options[CorrectionFactorOption]));
}
