namespace Sim.Gpu.Runtime;

/// <summary>The device a measurement runs on: fp16 on CUDA, fp32 on the CPU (tests).</summary>
public enum TorchDevice
{
    Cuda,
    Cpu,
}

public static class TorchDeviceNames
{
    public static string Name(this TorchDevice d) => d == TorchDevice.Cuda ? "cuda" : "cpu";

    public static TorchDevice Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cuda" => TorchDevice.Cuda,
        "cpu" => TorchDevice.Cpu,
        _ => throw new Sim.Core.Errors.InputException($"--device must be 'cuda' or 'cpu', got '{text}'"),
    };
}
