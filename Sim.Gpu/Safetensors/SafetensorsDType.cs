using static TorchSharp.torch;

namespace Sim.Gpu.Safetensors;

/// <summary>Maps safetensors' dtype names to torch scalar types and back.</summary>
public static class SafetensorsDType
{
    public static ScalarType? ToTorch(string name) => name switch
    {
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    public static string FromTorch(ScalarType t) => t switch
    {
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"safetensors has no dtype for {t}"),
    };
}
