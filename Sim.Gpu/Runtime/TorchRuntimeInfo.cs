namespace Sim.Gpu.Runtime;

/// <summary>What was loaded and where it runs; goes into every results row.</summary>
/// <param name="Device">cuda or cpu.</param>
/// <param name="DeviceName">The GPU's name (e.g. "NVIDIA H100 80GB HBM3") or "cpu".</param>
/// <param name="TorchSharpVersion">The managed TorchSharp assembly's version.</param>
/// <param name="LibTorchVersion">The native libtorch that was loaded, as far as it tells.</param>
/// <param name="CudaVersion">The CUDA version libtorch was built for (empty on the CPU).</param>
/// <param name="LibTorchDir">The folder libtorch was loaded from, when known.</param>
public sealed record TorchRuntimeInfo(
    TorchDevice Device,
    string DeviceName,
    string TorchSharpVersion,
    string LibTorchVersion,
    string CudaVersion,
    string? LibTorchDir);
