using System.Runtime.InteropServices;
using Sim.Core.Errors;
using Sim.Gpu.Backends;
using Sim.Gpu.Cuda;
using Sim.Gpu.Cuda.Native;
using Sim.Gpu.Runtime;

namespace Sim.Gpu.Tests;

/// <summary>The host side of the opt backend, without a GPU: library probing, graph buckets and bookkeeping, kernel sources.</summary>
public class OptBackendHostTests
{
    /// <summary>A PyTorch install as pip lays it out: site-packages/torch/lib and site-packages/nvidia/*/lib.</summary>
    private static (TempDir Root, string TorchLib, string Cu13, string CublasPkg) PipLayout()
    {
        var root = new TempDir();
        var site = Path.Combine(root.Path, "site-packages");
        var torchLib = Directory.CreateDirectory(Path.Combine(site, "torch", "lib")).FullName;
        var cu13 = Directory.CreateDirectory(Path.Combine(site, "nvidia", "cu13", "lib")).FullName;
        var cublas = Directory.CreateDirectory(Path.Combine(site, "nvidia", "cublas", "lib")).FullName;
        File.WriteAllBytes(Path.Combine(cu13, "libnvrtc.so.13"), []);
        File.WriteAllBytes(Path.Combine(cublas, "libcublas.so.12"), []);
        File.WriteAllBytes(Path.Combine(torchLib, "libtorch_cuda.so"), []);
        return (root, torchLib, cu13, cublas);
    }

    private static IEnumerable<string> Subdirs(string d) => Directory.Exists(d) ? Directory.GetDirectories(d) : [];

    [Fact]
    public void ProbeFindsPipNvidiaPackagesBesideTheLoadedLibTorch()
    {
        var (root, torchLib, cu13, cublasPkg) = PipLayout();
        using var _ = root;
        var loaded = new[] { Path.Combine(torchLib, "libtorch_cuda.so"), "/usr/lib/libc.so.6" };
        var nvrtc = LibraryProbe.Candidates(CudaLibrary.Nvrtc, null, null, loaded, File.Exists, Subdirs);
        Assert.Equal(Path.Combine(cu13, "libnvrtc.so.13"), nvrtc[0]);
        var cublas = LibraryProbe.Candidates(CudaLibrary.Cublas, null, null, loaded, File.Exists, Subdirs);
        Assert.Equal(Path.Combine(cublasPkg, "libcublas.so.12"), cublas[0]);
        // The bare sonames come last, newest major version first: the system loader's turn.
        Assert.Equal(["libcublas.so.13", "libcublas.so.12", "libcublas.so.11"], cublas.Skip(cublas.Count - 3));
    }

    [Fact]
    public void AnAlreadyLoadedLibraryComesFirstThenTheEnvironmentFolders()
    {
        var (root, torchLib, _, cublasPkg) = PipLayout();
        using var __ = root;
        using var env = new TempDir();
        File.WriteAllBytes(Path.Combine(env.Path, "libcublas.so.13"), []);
        var loaded = new[] { Path.Combine("lib-elsewhere", "libcublas.so.12"), Path.Combine(torchLib, "libtorch_cuda.so") };
        var c = LibraryProbe.Candidates(CudaLibrary.Cublas, env.Path, null, loaded, File.Exists, Subdirs);
        Assert.Equal(Path.Combine("lib-elsewhere", "libcublas.so.12"), c[0]);
        Assert.Equal(Path.Combine(env.Path, "libcublas.so.13"), c[1]);
        Assert.Equal(Path.Combine(cublasPkg, "libcublas.so.12"), c[2]);
        Assert.Equal(c.Count, c.Distinct().Count());
    }

    [Fact]
    public void LdLibraryPathFoldersAndTheirNvidiaSiblingsAreSearched()
    {
        var (root, torchLib, cu13, _) = PipLayout();
        using var __ = root;
        var dirs = LibraryProbe.SearchDirs(null, $"/nowhere:{torchLib}", [], Subdirs);
        Assert.Equal("/nowhere", dirs[0]);
        Assert.Contains(cu13, dirs);
        Assert.True(dirs.ToList().IndexOf(torchLib) < dirs.ToList().IndexOf(cu13));
        Assert.Equal("/usr/local/cuda/lib64", dirs[^1]);
        // From inside one nvidia package, the other packages are found too.
        Assert.Contains(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(cu13)!)!, "cublas", "lib"),
            LibraryProbe.NvidiaPackageDirs(cu13, Subdirs));
    }

    [Fact]
    public void BucketsCoverEveryContextLengthOnce()
    {
        var b = new ContextBuckets(2048, 256, 128);
        Assert.Equal(8, b.Count);
        Assert.Equal(0, b.IndexOf(1));
        Assert.Equal(0, b.IndexOf(256));
        Assert.Equal(1, b.IndexOf(257));
        Assert.Equal(7, b.IndexOf(2048));
        Assert.Equal(16, b.MaxSplits);
        for (var len = 1; len <= 2048; len++)
        {
            var i = b.IndexOf(len);
            Assert.True(len <= b.Capacity(i) && (i == 0 || len > b.Capacity(i - 1)), $"length {len} in bucket {i}");
            Assert.True(b.Splits(i) * b.Chunk >= len, $"bucket {i} launches too few attention splits for {len} keys");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => b.IndexOf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.IndexOf(2049));
    }

    [Fact]
    public void AModelShorterThanABucketHasOneBucketCappedAtItsPositions()
    {
        var b = ContextBuckets.For(100);
        Assert.Equal(1, b.Count);
        Assert.Equal(100, b.Capacity(0));
        Assert.Equal(1, b.Splits(0));
        Assert.Throws<ArgumentException>(() => new ContextBuckets(2048, 200, 128));
    }

    [Fact]
    public void GraphCacheCapturesEachBucketOnceAndDestroysAll()
    {
        var captured = new List<int>();
        var destroyed = new List<nint>();
        var cache = new GraphCache(3, b => { captured.Add(b); return 100 + b; }, destroyed.Add);
        Assert.Equal(101, cache.Get(1));
        Assert.Equal(101, cache.Get(1));
        Assert.Equal([1], captured);
        cache.CaptureAll();
        Assert.Equal([1, 0, 2], captured);
        Assert.Equal(3, cache.Captured);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Get(3));
        cache.Dispose();
        Assert.Equal([100, 101, 102], destroyed.Order());
        Assert.Throws<ObjectDisposedException>(() => cache.Get(0));
    }

    [Fact]
    public void KernelSourceIsEmbeddedAndDefinesEveryKernelTheBackendLoads()
    {
        var src = KernelSource.Load(KernelSource.Llama);
        var names = KernelSource.KernelNames(src);
        Assert.Equal(LlamaKernels.Names.Order(), names.Order());
        Assert.Contains("#define ATT_CHUNK " + ContextBuckets.AttentionChunk, src);
    }

    [Fact]
    public void AKernelSourceOverrideThatIsMissingIsRefusedNamingTheVariable()
    {
        var before = Environment.GetEnvironmentVariable(KernelSource.OverrideEnvVar);
        var missing = Path.Combine(Path.GetTempPath(), $"vhksim-no-such-{Guid.NewGuid():N}.cu");
        try
        {
            Environment.SetEnvironmentVariable(KernelSource.OverrideEnvVar, missing);
            var e = Assert.Throws<InputException>(() => KernelSource.LoadOrOverride(KernelSource.Llama));
            Assert.Contains(KernelSource.OverrideEnvVar, e.Message);
            Assert.Contains(missing, e.Message);
            var file = Path.Combine(Path.GetTempPath(), $"vhksim-override-{Guid.NewGuid():N}.cu");
            File.WriteAllText(file, "// replacement source");
            Environment.SetEnvironmentVariable(KernelSource.OverrideEnvVar, file);
            Assert.Equal("// replacement source", KernelSource.LoadOrOverride(KernelSource.Llama));
            File.Delete(file);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KernelSource.OverrideEnvVar, before);
        }
    }

    [Fact]
    public void KernelArgumentsKeepTheirBits()
    {
        Assert.Equal(7UL, ((KernelArg)7).Bits);
        Assert.Equal(0xFFFFFFFFUL, ((KernelArg)(-1)).Bits);
        Assert.Equal(0x3F800000UL, ((KernelArg)1f).Bits);
        Assert.Equal(0x7000_0000_1234UL, ((KernelArg)0x7000_0000_1234UL).Bits);
    }

    [Fact]
    public void GemvSettingParsesAndRejects()
    {
        Assert.Equal(OptGemv.Kernel, OptGemvSetting.Parse(null));
        Assert.Equal(OptGemv.Cublas, OptGemvSetting.Parse(" cuBLAS "));
        var e = Assert.Throws<InputException>(() => OptGemvSetting.Parse("fast"));
        Assert.Contains(OptGemvSetting.EnvVar, e.Message);
    }

    [Fact]
    public void OptIsOfferedOnCudaOnly()
    {
        Assert.Contains(OptBackend.BackendName, BackendCatalog.NamesFor(TorchDevice.Cuda));
        Assert.DoesNotContain(OptBackend.BackendName, BackendCatalog.NamesFor(TorchDevice.Cpu));
        Assert.Equal(["naive", "torch-opt"], BackendCatalog.Resolve(["all"], TorchDevice.Cpu));
        Assert.Equal(["naive", "torch-opt", "opt"], BackendCatalog.Resolve([], TorchDevice.Cuda));
        var e = Assert.Throws<InputException>(() => BackendCatalog.Resolve(["opt"], TorchDevice.Cpu));
        Assert.Contains("CUDA only", e.Message);
    }

    [Fact]
    public void OptOnCpuWeightsSaysItNeedsCuda()
    {
        using var w = TinyModel.Weights();
        var e = Assert.Throws<InputException>(() => new OptBackend(w));
        Assert.Contains("--device cuda", e.Message);
    }

    [Fact]
    public void BatchedCasesAreRefusedForOptBeforeAnythingIsLoaded()
    {
        using var tmp = new TempDir();
        var req = new Sim.Gpu.Measurement.GpuRunRequest(TinyModel.ConfigPath, [OptBackend.BackendName],
            [new Sim.Gpu.Measurement.MeasurementCase(1, 4, 2), new Sim.Gpu.Measurement.MeasurementCase(2, 4, 2)],
            TorchDevice.Cuda, Sim.Gpu.Measurement.MeasurementOptions.QuickRuns, tmp.Path);
        var e = Assert.Throws<InputException>(() => Sim.Gpu.Measurement.GpuRun.Execute(req, new Sim.Gpu.Measurement.SilentProgress()));
        Assert.Contains("batch 1 only", e.Message);
        Assert.Contains("2:4:2", e.Message);
    }

    [SkippableFact]
    public void WithoutACudaDriverTheEngineSaysSo()
    {
        Skip.If(NativeLibrary.TryLoad("libcuda.so.1", out var h) && FreeTrue(h), "a CUDA driver is installed here; the GPU path is checked on the GPU machine");
        var e = Assert.Throws<InputException>(CudaEngine.Create);
        Assert.Contains("libcuda.so.1", e.Message);
    }

    private static bool FreeTrue(nint h)
    {
        NativeLibrary.Free(h);
        return true;
    }
}
