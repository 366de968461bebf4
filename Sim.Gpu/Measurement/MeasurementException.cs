using Sim.Core.Errors;

namespace Sim.Gpu.Measurement;

/// <summary>
/// A case whose timing stayed implausible after re-measuring: reported as one line (exit 1),
/// and no row is written.
/// </summary>
public sealed class MeasurementException(string message) : InputException(message);
