using System.Runtime.InteropServices;

namespace Sim.Gpu.Cuda.Native;

/// <summary>
/// The cuBLAS v2 entry points the opt backend calls, bound from whichever libcublas
/// <see cref="LibraryProbe"/> loaded (their ABI is the same in cuBLAS 11, 12 and 13).
/// </summary>
internal sealed unsafe class CublasApi
{
    public const int OpN = 0, OpT = 1;
    public const int R16F = 2, R32F = 0;          // cudaDataType
    public const int Compute32F = 68;             // CUBLAS_COMPUTE_32F
    public const int GemmDefault = -1;            // CUBLAS_GEMM_DEFAULT

    public readonly string Path;
    public readonly delegate* unmanaged<nint*, int> Create;
    public readonly delegate* unmanaged<nint, int> Destroy;
    public readonly delegate* unmanaged<nint, nint, int> SetStream;
    public readonly delegate* unmanaged<nint, int*, int> GetVersion;
    /// <summary>Absent before cuBLAS 11.x; without it, graph capture of cuBLAS calls is not used.</summary>
    public readonly delegate* unmanaged<nint, ulong, nuint, int> SetWorkspace;

    /// <summary>cublasGemmEx(handle, ta, tb, m, n, k, alpha, A, Atype, lda, B, Btype, ldb, beta, C, Ctype, ldc, compute, algo).</summary>
    public readonly delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, int, ulong, int, int, float*, ulong, int, int, int, int, int> GemmEx;

    /// <summary>cublasGemmStridedBatchedEx(..., A, Atype, lda, strideA, B, Btype, ldb, strideB, beta, C, Ctype, ldc, strideC, batch, compute, algo).</summary>
    public readonly delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, int, long, ulong, int, int, long, float*, ulong, int, int, long, int, int, int, int> GemmStridedBatchedEx;

    public CublasApi(nint lib, string path)
    {
        Path = path;
        Create = (delegate* unmanaged<nint*, int>)Export(lib, "cublasCreate_v2");
        Destroy = (delegate* unmanaged<nint, int>)Export(lib, "cublasDestroy_v2");
        SetStream = (delegate* unmanaged<nint, nint, int>)Export(lib, "cublasSetStream_v2");
        GetVersion = (delegate* unmanaged<nint, int*, int>)Export(lib, "cublasGetVersion_v2");
        SetWorkspace = NativeLibrary.TryGetExport(lib, "cublasSetWorkspace_v2", out var ws)
            ? (delegate* unmanaged<nint, ulong, nuint, int>)ws : null;
        GemmEx = (delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, int, ulong, int, int, float*, ulong, int, int, int, int, int>)
            Export(lib, "cublasGemmEx");
        GemmStridedBatchedEx = (delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, int, long, ulong, int, int, long, float*, ulong, int, int, long, int, int, int, int>)
            Export(lib, "cublasGemmStridedBatchedEx");
    }

    public static void Check(int status, string call)
    {
        if (status != 0) throw new CudaException($"{call} failed: cuBLAS status {status}");
    }

    private static nint Export(nint lib, string name) =>
        NativeLibrary.TryGetExport(lib, name, out var p) ? p
            : throw new CudaException($"the loaded cuBLAS has no {name}: it is older than cuBLAS 11");
}
