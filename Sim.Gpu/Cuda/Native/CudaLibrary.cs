namespace Sim.Gpu.Cuda.Native;

/// <summary>A CUDA library that comes in several major versions, newest first (e.g. libcublas.so.13, .12, .11).</summary>
/// <param name="Name">What it is, for messages ("cuBLAS").</param>
/// <param name="FileNames">The sonames to look for, in order of preference.</param>
/// <param name="Hint">How to get it when none is found.</param>
public sealed record CudaLibrary(string Name, IReadOnlyList<string> FileNames, string Hint)
{
    public static CudaLibrary Cublas { get; } = new("cuBLAS", ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11"],
        "install the CUDA toolkit's cuBLAS or the pip package nvidia-cublas (PyTorch's CUDA wheels bring it)");

    public static CudaLibrary Nvrtc { get; } = new("NVRTC", ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"],
        "install the CUDA toolkit's NVRTC or the pip package nvidia-cuda-nvrtc (PyTorch's CUDA wheels bring it)");
}
