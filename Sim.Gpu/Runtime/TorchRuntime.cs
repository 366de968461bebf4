using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Sim.Core.Errors;
using TorchSharp;

namespace Sim.Gpu.Runtime;

/// <summary>
/// Loads libtorch for a device and says what was loaded. Every way this can fail on a user's
/// machine (no libtorch, no GPU, a libstdc++ too old) becomes an <see cref="InputException"/>
/// that says what is missing and how to provide it.
/// </summary>
public static partial class TorchRuntime
{
    // Load order matters: each library's NEEDED entries are then found already loaded by soname.
    private static readonly string[] CpuChain = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private static readonly string[] CudaChain = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    public static TorchRuntimeInfo Initialize(TorchDevice device, string? libtorchDir)
    {
        var dir = LibTorchLocator.Find(device, libtorchDir, Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"));
        if (device == TorchDevice.Cuda && dir is null)
            throw new InputException(
                "no CUDA libtorch found: neither --libtorch DIR nor a folder on LD_LIBRARY_PATH holds libtorch_cuda.so. " +
                $"With PyTorch installed: {LibTorchLocator.LdHint} (or pass --libtorch with that folder)");
        // Checked before TorchSharp is touched: its own failure prints some 30 lines of load trace.
        if (device == TorchDevice.Cpu && dir is null && !LibTorchLocator.HasBundledCpu(AppContext.BaseDirectory))
            throw new InputException($"no CPU libtorch found: {LibTorchLocator.CpuInstallHint}");
        if (dir is not null) Preload(dir, device == TorchDevice.Cuda ? CudaChain : CpuChain);

        try
        {
            if (device == TorchDevice.Cuda)
            {
                if (!torch.TryInitializeDeviceType(DeviceType.CUDA))
                    throw new InputException(
                        $"libtorch loaded from {dir}, but it sees no CUDA device (torch.cuda.is_available() is false): " +
                        "check that a GPU is attached (nvidia-smi) and CUDA_VISIBLE_DEVICES, or run with --device cpu");
            }
            else
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException or EntryPointNotFoundException)
        {
            var first = FirstLine(e.InnerException?.Message ?? e.Message);
            throw new InputException(
                $"cannot load TorchSharp's native libraries for {device.Name()}: {first}. " +
                (device == TorchDevice.Cpu
                    ? $"If {LibTorchLocator.CpuInstallHint}"
                    : $"Check that LD_LIBRARY_PATH or --libtorch points at a CUDA libtorch ({LibTorchLocator.LdHint})."),
                inner: e);
        }

        var loadedFrom = dir ?? LoadedLibraryDir("libtorch_cpu.so");
        var (libtorchVersion, cudaBuild) = LibTorchVersion(loadedFrom);
        string name, cuda;
        if (device == TorchDevice.Cuda)
        {
            name = CudaDriver.DeviceName() ?? "cuda:0";
            cuda = cudaBuild ?? (CudaDriver.DriverCudaVersion() is { } drv ? $"driver {drv}" : "");
        }
        else
        {
            name = "cpu";
            cuda = "";
        }
        return new TorchRuntimeInfo(device, name, TorchSharpVersion(), libtorchVersion, cuda, loadedFrom);
    }

    /// <summary>The torch device object for a runtime device (CUDA device 0).</summary>
    public static torch.Device TorchDeviceOf(TorchDevice d) =>
        d == TorchDevice.Cuda ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;

    /// <summary>Waits for all queued work on the device (a no-op on the CPU).</summary>
    public static void Synchronize(TorchDevice d)
    {
        if (d == TorchDevice.Cuda) torch.cuda.synchronize(TorchDeviceOf(d));
    }

    private static void Preload(string dir, string[] chain)
    {
        foreach (var lib in chain)
        {
            var path = Path.Combine(dir, lib);
            if (!File.Exists(path)) continue;  // some layouts merge libraries
            if (!NativeLibrary.TryLoad(path, out _))
                throw new InputException($"cannot load {path}: it exists but the dynamic linker refused it " +
                                         "(a missing dependency or a libstdc++ too old for it); try `ldd` on it to see which");
        }
    }

    private static string TorchSharpVersion()
    {
        var asm = typeof(torch).Assembly;
        var info = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var v = info ?? asm.GetName().Version?.ToString() ?? "?";
        var plus = v.IndexOf('+');
        return plus > 0 ? v[..plus] : v;
    }

    /// <summary>
    /// The loaded libtorch's version: PyTorch installs keep <c>version.py</c> beside <c>lib/</c>,
    /// libtorch archives a <c>build-version</c> file; otherwise the version TorchSharp was built
    /// against (the libtorch-cpu package matches it).
    /// </summary>
    internal static (string Version, string? Cuda) LibTorchVersion(string? libDir)
    {
        if (libDir is not null)
        {
            var parent = Path.GetDirectoryName(libDir.TrimEnd('/'));
            if (parent is not null)
            {
                var versionPy = Path.Combine(parent, "version.py");
                if (File.Exists(versionPy))
                {
                    var text = File.ReadAllText(versionPy);
                    var v = VersionPyVersion().Match(text);
                    var c = VersionPyCuda().Match(text);
                    if (v.Success) return ($"{v.Groups[1].Value} (PyTorch)", c.Success ? c.Groups[1].Value : null);
                }
                var buildVersion = Path.Combine(parent, "build-version");
                if (File.Exists(buildVersion)) return (File.ReadAllText(buildVersion).Trim(), null);
            }
        }
        return ($"{torch.__version__} (TorchSharp's libtorch package)", null);
    }

    /// <summary>The folder a loaded native library came from (Linux: /proc/self/maps).</summary>
    private static string? LoadedLibraryDir(string fileName)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line[slash..];
                if (Path.GetFileName(path) == fileName) return Path.GetDirectoryName(path);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOfAny(['\r', '\n']);
        return (i < 0 ? s : s[..i]).Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"__version__\s*=\s*['""]([^'""]+)['""]")]
    private static partial Regex VersionPyVersion();

    [GeneratedRegex(@"\bcuda\s*(?::[^=]*)?=\s*['""]([^'""]+)['""]")]
    private static partial Regex VersionPyCuda();
}
