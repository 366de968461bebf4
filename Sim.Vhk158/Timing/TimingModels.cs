using Sim.Vhk158.Config;

namespace Sim.Vhk158.Timing;

/// <summary>
/// The registry of timing models by the name the config's TIMING_MODEL key gives. A more
/// detailed model (e.g. with HBM contention) registers here beside the reference one.
/// </summary>
public static class TimingModels
{
    private static readonly IReadOnlyDictionary<string, Func<HardwareConfig, ITimingModel>> Factories =
        new Dictionary<string, Func<HardwareConfig, ITimingModel>>(StringComparer.Ordinal)
        {
            [ReferenceTimingModel.ModelName] = c => new ReferenceTimingModel(c),
        };

    public static IReadOnlyCollection<string> Names => Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnown(string name) => Factories.ContainsKey(name);

    public static ITimingModel Create(HardwareConfig config) =>
        Factories.TryGetValue(config.TimingModel, out var make)
            ? make(config)
            : throw new Sim.Core.Errors.InputException(
                $"TIMING_MODEL '{config.TimingModel}' is not one of: {string.Join(", ", Names)}");
}
