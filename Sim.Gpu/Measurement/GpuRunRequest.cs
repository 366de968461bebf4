using Sim.Gpu.Runtime;

namespace Sim.Gpu.Measurement;

/// <summary>Everything one `vhksim gpu` measurement needs.</summary>
public sealed record GpuRunRequest(
    string ModelPath,
    IReadOnlyList<string> Backends,
    IReadOnlyList<MeasurementCase> Cases,
    TorchDevice Device,
    MeasurementOptions Options,
    string OutDir,
    string? LibTorchDir = null,
    string? WeightsDir = null,
    int? Layers = null,
    double? BandwidthGbS = null,
    long WeightSeed = 1234);
