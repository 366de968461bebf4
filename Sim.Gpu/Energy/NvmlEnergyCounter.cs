namespace Sim.Gpu.Energy;

/// <summary>
/// The GPU's total energy counter through NVML (nvmlDeviceGetTotalEnergyConsumption, millijoules
/// since the driver was loaded; Volta and later). The whole board's energy, idle power included.
/// </summary>
public sealed class NvmlEnergyCounter : IEnergyCounter
{
    private readonly nint _device;
    private bool _disposed;

    private NvmlEnergyCounter(nint device, uint index)
    {
        _device = device;
        Source = $"NVML total energy of GPU {index}";
    }

    public string Source { get; }

    /// <summary>Opens GPU <paramref name="index"/>'s counter, or says why it cannot (no NVML, no GPU, no counter).</summary>
    public static IEnergyCounter? TryOpen(uint index, out string why)
    {
        int rc;
        try
        {
            rc = NvmlApi.Init();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            why = $"NVML not available ({NvmlApi.Lib} not found: no NVIDIA driver here)";
            return null;
        }
        if (rc != 0)
        {
            why = $"NVML did not start: {NvmlApi.Describe(rc)}";
            return null;
        }
        rc = NvmlApi.DeviceGetHandleByIndex(index, out var device);
        if (rc == 0) rc = NvmlApi.DeviceGetTotalEnergyConsumption(device, out _);
        if (rc != 0)
        {
            why = $"NVML has no energy counter for GPU {index}: {NvmlApi.Describe(rc)}";
            NvmlApi.Shutdown();
            return null;
        }
        why = "";
        return new NvmlEnergyCounter(device, index);
    }

    public double ReadJoules()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rc = NvmlApi.DeviceGetTotalEnergyConsumption(_device, out var mj);
        if (rc != 0) throw new InvalidOperationException($"nvmlDeviceGetTotalEnergyConsumption failed: {NvmlApi.Describe(rc)}");
        return mj / 1000.0;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        NvmlApi.Shutdown();
    }
}
