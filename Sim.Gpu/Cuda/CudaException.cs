namespace Sim.Gpu.Cuda;

/// <summary>A CUDA, cuBLAS or NVRTC call failed at run time (not a user-input problem).</summary>
public sealed class CudaException(string message) : Exception(message);
