using System.Runtime.InteropServices;

namespace Sim.Gpu.Energy;

/// <summary>
/// The few NVML calls the energy counter needs (libnvidia-ml.so.1, installed with the NVIDIA
/// driver). Return codes: 0 = NVML_SUCCESS.
/// </summary>
internal static partial class NvmlApi
{
    public const string Lib = "libnvidia-ml.so.1";

    [LibraryImport(Lib, EntryPoint = "nvmlInit_v2")] public static partial int Init();
    [LibraryImport(Lib, EntryPoint = "nvmlShutdown")] public static partial int Shutdown();
    [LibraryImport(Lib, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")] public static partial int DeviceGetHandleByIndex(uint index, out nint device);
    [LibraryImport(Lib, EntryPoint = "nvmlDeviceGetTotalEnergyConsumption")] public static partial int DeviceGetTotalEnergyConsumption(nint device, out ulong millijoules);
    [LibraryImport(Lib, EntryPoint = "nvmlErrorString")] public static partial nint ErrorString(int result);

    public static string Describe(int result)
    {
        try
        {
            var p = ErrorString(result);
            return p == 0 ? $"NVML error {result}" : $"{Marshal.PtrToStringUTF8(p)} ({result})";
        }
        catch (EntryPointNotFoundException)
        {
            return $"NVML error {result}";
        }
    }
}
