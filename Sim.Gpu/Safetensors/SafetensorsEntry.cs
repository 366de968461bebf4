namespace Sim.Gpu.Safetensors;

/// <summary>One tensor's header entry: dtype name ("F16", "F32", ...), shape, byte range in the data part.</summary>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End);
