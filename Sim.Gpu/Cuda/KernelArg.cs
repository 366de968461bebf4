namespace Sim.Gpu.Cuda;

/// <summary>
/// One kernel argument as cuLaunchKernel wants it: the bits of a pointer, int or float, in an
/// 8-byte slot (the driver reads as many bytes as the parameter has; little-endian).
/// </summary>
public readonly record struct KernelArg(ulong Bits)
{
    public static implicit operator KernelArg(ulong devicePointer) => new(devicePointer);
    public static implicit operator KernelArg(int value) => new((uint)value);
    public static implicit operator KernelArg(float value) => new(BitConverter.SingleToUInt32Bits(value));
}
