using Sim.Core.Errors;

namespace Sim.Gpu.Backends;

/// <summary>
/// How the opt backend does its decode matrix-vector products: its own fp16 GEMV kernel (with
/// RMSNorm, residual add and SiLU·mul fused in) or cuBLAS GEMM with separate small kernels.
/// Chosen with VHKSIM_OPT_GEMV=kernel|cublas (default kernel), to compare the two.
/// </summary>
public enum OptGemv
{
    Kernel,
    Cublas,
}

public static class OptGemvSetting
{
    public const string EnvVar = "VHKSIM_OPT_GEMV";

    public static OptGemv Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "kernel" => OptGemv.Kernel,
        "cublas" => OptGemv.Cublas,
        _ => throw new InputException($"{EnvVar} must be 'kernel' or 'cublas', got '{text}'"),
    };

    public static OptGemv FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvVar));
}
