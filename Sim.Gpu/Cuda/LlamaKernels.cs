using System.Globalization;
using Sim.Gpu.Cuda.Native;

namespace Sim.Gpu.Cuda;

/// <summary>
/// The kernels of <c>Kernels/llama.cu</c> (LLaMA and OPT families), compiled by NVRTC for this GPU and head dimension,
/// loaded as a module. Names here must match the source's <c>extern "C"</c> functions.
/// </summary>
internal sealed class LlamaKernels : IDisposable
{
    public static readonly string[] Names =
        ["embed", "gemv", "rope_kv", "attn_decode", "rmsnorm_rows", "layernorm_rows", "rows_op", "softmax_causal", "silu_mul_rows", "argmax_step"];

    private readonly nint _module;

    public nint Embed { get; }
    public nint Gemv { get; }
    public nint RopeKv { get; }
    public nint AttnDecode { get; }
    public nint RmsNormRows { get; }
    public nint LayerNormRows { get; }
    public nint RowsOp { get; }
    public nint SoftmaxCausal { get; }
    public nint SiluMulRows { get; }
    public nint ArgmaxStep { get; }

    /// <summary>Seconds NVRTC took (reported once: it is not part of any timed run).</summary>
    public double CompileSeconds { get; }

    /// <param name="engine">the CUDA context to load the module into</param>
    /// <param name="headDim">HEAD_DIM</param>
    /// <param name="gemv">GEMV_WARPS and GEMV_UNROLL (the launch geometry depends on them)</param>
    /// <param name="attentionChunk">ATT_CHUNK: keys per decode-attention split</param>
    /// <param name="defines">further NAME=VALUE macros (the GEMV's tuning switches)</param>
    public LlamaKernels(CudaEngine engine, int headDim, GemvShape gemv, int attentionChunk, params IEnumerable<string> defines)
    {
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var (major, minor) = engine.ComputeCapability;
        var options = new[]
        {
            $"--gpu-architecture=sm_{major}{minor}",
            string.Create(CultureInfo.InvariantCulture, $"-DHEAD_DIM={headDim}"),
            string.Create(CultureInfo.InvariantCulture, $"-DGEMV_WARPS={gemv.Warps}"),
            string.Create(CultureInfo.InvariantCulture, $"-DGEMV_UNROLL={gemv.Unroll}"),
            string.Create(CultureInfo.InvariantCulture, $"-DATT_CHUNK={attentionChunk}"),
        }.Concat(defines.Select(d => "-D" + d)).ToArray();
        var cubin = engine.Nvrtc.CompileToCubin(KernelSource.LoadOrOverride(KernelSource.Llama), KernelSource.Llama, options);
        CompileSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        unsafe
        {
            fixed (byte* image = cubin) Driver.Check(Driver.cuModuleLoadData(out _module, image), "cuModuleLoadData");
        }
        Embed = Get("embed");
        Gemv = Get("gemv");
        RopeKv = Get("rope_kv");
        AttnDecode = Get("attn_decode");
        RmsNormRows = Get("rmsnorm_rows");
        LayerNormRows = Get("layernorm_rows");
        RowsOp = Get("rows_op");
        SoftmaxCausal = Get("softmax_causal");
        SiluMulRows = Get("silu_mul_rows");
        ArgmaxStep = Get("argmax_step");
    }

    /// <summary>The device address and size of a <c>__device__</c> variable of the module.</summary>
    public (ulong Address, long Bytes) Global(string name)
    {
        Driver.Check(Driver.cuModuleGetGlobal(out var address, out var bytes, _module, name), $"cuModuleGetGlobal({name})");
        return (address, (long)bytes);
    }

    /// <summary>Lets a kernel use more than 48 KB of dynamic shared memory.</summary>
    public static void AllowSharedBytes(nint function, int bytes)
    {
        if (bytes > 48 * 1024)
            Driver.Check(Driver.cuFuncSetAttribute(function, Driver.FuncAttrMaxDynamicSharedBytes, bytes), "cuFuncSetAttribute");
    }

    /// <summary>Registers per thread and local (spilled) bytes per thread of a kernel, as "N registers, M B local".</summary>
    public static string Resources(nint function)
    {
        Driver.Check(Driver.cuFuncGetAttribute(out var registers, Driver.FuncAttrRegisters, function), "cuFuncGetAttribute");
        Driver.Check(Driver.cuFuncGetAttribute(out var local, Driver.FuncAttrLocalBytes, function), "cuFuncGetAttribute");
        return string.Create(CultureInfo.InvariantCulture, $"{registers} registers, {local} B local");
    }

    private nint Get(string name)
    {
        Driver.Check(Driver.cuModuleGetFunction(out var f, _module, name), $"cuModuleGetFunction({name})");
        return f;
    }

    public void Dispose() => Driver.cuModuleUnload(_module);
}
