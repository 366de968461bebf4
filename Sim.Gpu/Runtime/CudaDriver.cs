using System.Runtime.InteropServices;
using System.Text;

namespace Sim.Gpu.Runtime;

/// <summary>
/// The few CUDA driver calls TorchSharp does not expose: the GPU's name and the driver's CUDA
/// version. Failures give null, never an exception: the name is informative only.
/// </summary>
internal static partial class CudaDriver
{
    private const string Lib = "libcuda.so.1";

    [LibraryImport(Lib)] private static partial int cuInit(uint flags);
    [LibraryImport(Lib)] private static partial int cuDeviceGet(out int device, int ordinal);
    [LibraryImport(Lib)] private static unsafe partial int cuDeviceGetName(byte* name, int len, int device);
    [LibraryImport(Lib)] private static partial int cuDriverGetVersion(out int version);

    public static unsafe string? DeviceName(int ordinal = 0)
    {
        try
        {
            if (cuInit(0) != 0 || cuDeviceGet(out var dev, ordinal) != 0) return null;
            var buf = new byte[256];
            fixed (byte* p = buf)
            {
                if (cuDeviceGetName(p, buf.Length, dev) != 0) return null;
            }
            var n = Array.IndexOf(buf, (byte)0);
            return Encoding.ASCII.GetString(buf, 0, n < 0 ? buf.Length : n).Trim();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The highest CUDA version the driver supports, e.g. "13.0".</summary>
    public static string? DriverCudaVersion()
    {
        try
        {
            if (cuDriverGetVersion(out var v) != 0) return null;
            return $"{v / 1000}.{v % 1000 / 10}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
