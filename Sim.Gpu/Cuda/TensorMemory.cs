using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Sim.Gpu.Cuda;

/// <summary>
/// The device address of a TorchSharp tensor's data, so the opt backend reads the weights where
/// libtorch put them (same CUDA primary context) instead of copying 13 GB.
/// </summary>
internal static partial class TensorMemory
{
    [LibraryImport("LibTorchSharp")] private static partial nint THSTensor_data(nint tensor);

    public static ulong Address(Tensor t)
    {
        if (!t.is_contiguous()) throw new ArgumentException("the tensor must be contiguous", nameof(t));
        var p = THSTensor_data(t.Handle);
        if (p == 0) throw new CudaException("libtorch gave no data pointer for a tensor");
        return (ulong)p;
    }
}
