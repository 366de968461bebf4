using Sim.Core.Errors;
using Sim.Gpu.Cuda.Native;

namespace Sim.Gpu.Cuda;

/// <summary>
/// What the opt backend runs on: the device's primary context (the one libtorch uses, so
/// tensors' addresses are valid here), one non-blocking stream, a cuBLAS handle bound to that
/// stream, device memory it owns, and CUDA graphs captured on that stream.
/// </summary>
internal sealed unsafe class CudaEngine : IDisposable
{
    private const long CublasWorkspaceBytes = 32L << 20;

    private readonly int _device;
    private readonly nint _context;
    private readonly List<ulong> _allocations = new();
    private nint _cublas;
    private bool _disposed;

    public nint Stream { get; }
    public CublasApi Blas { get; }
    public NvrtcApi Nvrtc { get; }
    public (int Major, int Minor) ComputeCapability { get; }
    public string DriverVersion { get; }

    private CudaEngine(int device, nint context, nint stream, CublasApi blas, NvrtcApi nvrtc, (int, int) cc, string driver)
    {
        _device = device;
        _context = context;
        Stream = stream;
        Blas = blas;
        Nvrtc = nvrtc;
        ComputeCapability = cc;
        DriverVersion = driver;
    }

    /// <summary>Opens device 0; every missing piece (driver, GPU, cuBLAS, NVRTC) is an <see cref="InputException"/> that says what to install.</summary>
    public static CudaEngine Create()
    {
        int device, version;
        nint ctx;
        (int, int) cc;
        try
        {
            var rc = Driver.cuInit(0);
            if (rc == 100)   // CUDA_ERROR_NO_DEVICE
                throw new InputException("backend opt: the CUDA driver sees no GPU (check nvidia-smi and CUDA_VISIBLE_DEVICES)");
            Driver.Check(rc, "cuInit");
            Driver.Check(Driver.cuDriverGetVersion(out version), "cuDriverGetVersion");
            Driver.Check(Driver.cuDeviceGet(out device, 0), "cuDeviceGet");
            Driver.Check(Driver.cuDeviceGetAttribute(out var major, Driver.AttrComputeCapabilityMajor, device), "cuDeviceGetAttribute");
            Driver.Check(Driver.cuDeviceGetAttribute(out var minor, Driver.AttrComputeCapabilityMinor, device), "cuDeviceGetAttribute");
            cc = (major, minor);
            Driver.Check(Driver.cuDevicePrimaryCtxRetain(out ctx, device), "cuDevicePrimaryCtxRetain");
            Driver.Check(Driver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
        }
        catch (DllNotFoundException e)
        {
            throw new InputException("backend opt: no CUDA driver found (libcuda.so.1 could not be loaded): it needs an NVIDIA GPU with its driver installed", inner: e);
        }

        var (blasLib, blasPath) = LibraryProbe.Load(CudaLibrary.Cublas);
        var (nvrtcLib, nvrtcPath) = LibraryProbe.Load(CudaLibrary.Nvrtc);
        LibraryProbe.PreloadNvrtcBuiltins(nvrtcPath);
        var blas = new CublasApi(blasLib, blasPath);
        var nvrtc = new NvrtcApi(nvrtcLib, nvrtcPath);
        Driver.Check(Driver.cuStreamCreate(out var stream, Driver.StreamNonBlocking), "cuStreamCreate");
        var engine = new CudaEngine(device, ctx, stream, blas, nvrtc, cc, $"{version / 1000}.{version % 1000 / 10}");
        try
        {
            engine.InitCublas();
        }
        catch
        {
            engine.Dispose();
            throw;
        }
        return engine;
    }

    private void InitCublas()
    {
        nint h;
        CublasApi.Check(Blas.Create(&h), "cublasCreate");
        _cublas = h;
        CublasApi.Check(Blas.SetStream(h, Stream), "cublasSetStream");
        // A workspace of our own keeps cuBLAS from allocating while a graph is being captured.
        if (Blas.SetWorkspace != null)
            CublasApi.Check(Blas.SetWorkspace(h, Alloc(CublasWorkspaceBytes), (nuint)CublasWorkspaceBytes), "cublasSetWorkspace");
    }

    public string CublasVersion()
    {
        int v;
        return Blas.GetVersion(_cublas, &v) == 0 ? $"{v / 10000}.{v / 100 % 100}.{v % 100}" : "?";
    }

    /// <summary>Makes the context current on the calling thread (the measurement may call from any thread).</summary>
    public void MakeCurrent() => Driver.Check(Driver.cuCtxSetCurrent(_context), "cuCtxSetCurrent");

    /// <summary>Device memory owned by the engine, freed with it; filled with zero bytes.</summary>
    public ulong Alloc(long bytes)
    {
        Driver.Check(Driver.cuMemAlloc(out var p, (nuint)Math.Max(bytes, 256)), $"cuMemAlloc({bytes} bytes)");
        _allocations.Add(p);
        Driver.Check(Driver.cuMemsetD8Async(p, 0, (nuint)Math.Max(bytes, 256), Stream), "cuMemsetD8Async");
        return p;
    }

    public void Free(ulong p)
    {
        if (_allocations.Remove(p)) Driver.Check(Driver.cuMemFree(p), "cuMemFree");
    }

    public void Upload<T>(ulong dst, ReadOnlySpan<T> src) where T : unmanaged
    {
        fixed (T* s = src)
            Driver.Check(Driver.cuMemcpyHtoDAsync(dst, s, (nuint)(src.Length * sizeof(T)), Stream), "cuMemcpyHtoDAsync");
        // Pageable host memory: the copy has been staged when the call returns, but wait anyway so
        // the caller may reuse the span at once.
        Synchronize();
    }

    public void Download<T>(Span<T> dst, ulong src) where T : unmanaged
    {
        fixed (T* d = dst)
        {
            Driver.Check(Driver.cuMemcpyDtoHAsync(d, src, (nuint)(dst.Length * sizeof(T)), Stream), "cuMemcpyDtoHAsync");
            Synchronize();
        }
    }

    public void Synchronize() => Driver.Check(Driver.cuStreamSynchronize(Stream), "cuStreamSynchronize");

    public void Launch(nint function, uint gridX, uint gridY, uint block, uint sharedBytes, params ReadOnlySpan<KernelArg> args)
    {
        var values = stackalloc ulong[args.Length];
        var pointers = stackalloc void*[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            values[i] = args[i].Bits;
            pointers[i] = &values[i];
        }
        Driver.Check(Driver.cuLaunchKernel(function, gridX, gridY, 1, block, 1, 1, sharedBytes, Stream, pointers, null), "cuLaunchKernel");
    }

    /// <summary>Streaming multiprocessors of the GPU.</summary>
    public int Multiprocessors
    {
        get
        {
            Driver.Check(Driver.cuDeviceGetAttribute(out var sms, Driver.AttrMultiprocessorCount, _device), "cuDeviceGetAttribute");
            return sms;
        }
    }

    /// <summary>How many blocks of <paramref name="function"/> fit on the whole GPU at once.</summary>
    public int ResidentBlocks(nint function, int threads, int dynamicSharedBytes)
    {
        Driver.Check(Driver.cuOccupancyMaxActiveBlocksPerMultiprocessor(out var perSm, function, threads, (nuint)dynamicSharedBytes),
            "cuOccupancyMaxActiveBlocksPerMultiprocessor");
        return Math.Max(1, perSm) * Multiprocessors;
    }

    /// <summary>
    /// Like <see cref="Launch"/>, but with programmatic dependent launch (sm_90): the kernel may
    /// start before the previous one on the stream has finished, and must itself wait
    /// (griddepcontrol.wait) before reading what that one writes.
    /// </summary>
    public void LaunchDependent(nint function, uint gridX, uint gridY, uint block, uint sharedBytes, params ReadOnlySpan<KernelArg> args) =>
        LaunchEx(function, gridX, gridY, block, sharedBytes, programmatic: true, clusterY: 0, args);

    /// <summary>
    /// A launch with attributes: programmatic dependent launch (see <see cref="LaunchDependent"/>) and/or thread
    /// block clusters of <paramref name="clusterY"/> blocks along y (0: none), whose blocks can read each other's
    /// shared memory (sm_90).
    /// </summary>
    public void LaunchEx(nint function, uint gridX, uint gridY, uint block, uint sharedBytes, bool programmatic, uint clusterY,
                         params ReadOnlySpan<KernelArg> args)
    {
        var values = stackalloc ulong[args.Length];
        var pointers = stackalloc void*[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            values[i] = args[i].Bits;
            pointers[i] = &values[i];
        }
        var attrs = stackalloc Driver.LaunchAttribute[2];
        attrs[0] = default;
        attrs[1] = default;
        uint count = 0;
        if (programmatic)
        {
            attrs[count].Id = Driver.LaunchAttrProgrammaticStreamSerialization;
            attrs[count].Value[0] = 1;   // programmaticStreamSerializationAllowed = 1 (an int, little-endian)
            count++;
        }
        if (clusterY > 0)
        {
            attrs[count].Id = Driver.LaunchAttrClusterDimension;
            var dims = (uint*)attrs[count].Value;
            dims[0] = 1;
            dims[1] = clusterY;
            dims[2] = 1;
            count++;
        }
        var config = new Driver.LaunchConfig
        {
            GridX = gridX, GridY = gridY, GridZ = 1, BlockX = block, BlockY = 1, BlockZ = 1,
            SharedBytes = sharedBytes, Stream = Stream, Attributes = attrs, AttributeCount = count,
        };
        Driver.Check(Driver.cuLaunchKernelEx(&config, function, pointers, null), "cuLaunchKernelEx");
    }

    /// <summary>
    /// Row-major Y [rows, n] (+)= X [rows, k] · Wᵀ for W [n, k] row-major, fp16 with fp32
    /// accumulation; beta 1 adds to Y (the residual), 0 overwrites it.
    /// </summary>
    public void Linear(ulong w, ulong x, ulong y, int rows, int n, int k, float beta)
    {
        float alpha = 1f;
        CublasApi.Check(Blas.GemmEx(_cublas, CublasApi.OpT, CublasApi.OpN, n, rows, k, &alpha,
            w, CublasApi.R16F, k, x, CublasApi.R16F, k, &beta, y, CublasApi.R16F, n,
            CublasApi.Compute32F, CublasApi.GemmDefault), "cublasGemmEx");
    }

    /// <summary>Column-major strided-batched GEMM C = op(A)·op(B), fp16 inputs, C of type <paramref name="cType"/>.</summary>
    public void BatchedGemm(int opA, int opB, int m, int n, int k, ulong a, int lda, long strideA, ulong b, int ldb, long strideB,
                            ulong c, int cType, int ldc, long strideC, int batch)
    {
        float alpha = 1f, beta = 0f;
        CublasApi.Check(Blas.GemmStridedBatchedEx(_cublas, opA, opB, m, n, k, &alpha,
            a, CublasApi.R16F, lda, strideA, b, CublasApi.R16F, ldb, strideB, &beta,
            c, cType, ldc, strideC, batch, CublasApi.Compute32F, CublasApi.GemmDefault), "cublasGemmStridedBatchedEx");
    }

    /// <summary>Records what <paramref name="record"/> issues on the stream into an executable graph.</summary>
    public nint Capture(Action record)
    {
        Driver.Check(Driver.cuStreamBeginCapture(Stream, Driver.CaptureModeRelaxed), "cuStreamBeginCapture");
        nint graph;
        try
        {
            record();
        }
        finally
        {
            var rc = Driver.cuStreamEndCapture(Stream, out graph);
            if (rc != 0 && graph != 0) Driver.cuGraphDestroy(graph);
            Driver.Check(rc, "cuStreamEndCapture");
        }
        try
        {
            Driver.Check(Driver.cuGraphInstantiateWithFlags(out var exec, graph, 0), "cuGraphInstantiateWithFlags");
            return exec;
        }
        finally
        {
            Driver.cuGraphDestroy(graph);
        }
    }

    public void LaunchGraph(nint exec) => Driver.Check(Driver.cuGraphLaunch(exec, Stream), "cuGraphLaunch");

    public void DestroyGraph(nint exec) => Driver.cuGraphExecDestroy(exec);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Driver.cuCtxSetCurrent(_context);
        Driver.cuStreamSynchronize(Stream);
        if (_cublas != 0) Blas.Destroy(_cublas);
        foreach (var p in _allocations) Driver.cuMemFree(p);
        _allocations.Clear();
        Driver.cuStreamDestroy(Stream);
        Driver.cuDevicePrimaryCtxRelease(_device);
    }
}
