using System.Runtime.InteropServices;
using Sim.Core.Errors;

namespace Sim.Gpu.Cuda.Native;

/// <summary>
/// Finds and loads a <see cref="CudaLibrary"/>. Where it looks, in order:
/// <list type="number">
/// <item>a copy already loaded in the process (libtorch loads cuBLAS: the same one is then shared);</item>
/// <item>the folders in <c>VHKSIM_CUDA_LIBS</c> (colon-separated);</item>
/// <item>the folders of the CUDA libraries already loaded and of <c>LD_LIBRARY_PATH</c>, each with the
/// <c>nvidia/*/lib</c> folders of pip's NVIDIA packages beside it (site-packages/torch/lib →
/// site-packages/nvidia/cu13/lib, nvidia/cublas/lib, ...);</item>
/// <item>/usr/local/cuda/lib64, then the bare soname (the system's loader path).</item>
/// </list>
/// The search itself is a pure function of its inputs (<see cref="Candidates"/>), so it is tested without a GPU.
/// </summary>
public static class LibraryProbe
{
    public const string EnvVar = "VHKSIM_CUDA_LIBS";

    private static readonly string[] CudaMarkers = ["libcublas", "libcudart", "libnvrtc", "libtorch_cuda", "libc10_cuda", "libcublasLt"];

    /// <summary>Every path (or bare soname, last) to try for <paramref name="lib"/>, in order, without duplicates.</summary>
    public static IReadOnlyList<string> Candidates(CudaLibrary lib, string? envDirs, string? ldLibraryPath,
                                                   IReadOnlyList<string> loadedPaths, Func<string, bool> fileExists,
                                                   Func<string, IEnumerable<string>> subdirs)
    {
        var result = new List<string>();
        void Add(string p)
        {
            if (!result.Contains(p, StringComparer.Ordinal)) result.Add(p);
        }

        foreach (var name in lib.FileNames)
            foreach (var p in loadedPaths)
                if (Path.GetFileName(p) == name) Add(p);

        foreach (var dir in SearchDirs(envDirs, ldLibraryPath, loadedPaths, subdirs))
            foreach (var name in lib.FileNames)
            {
                var p = Path.Combine(dir, name);
                if (fileExists(p)) Add(p);
            }
        foreach (var name in lib.FileNames) Add(name);
        return result;
    }

    /// <summary>The folders searched, in order (see the class summary).</summary>
    public static IReadOnlyList<string> SearchDirs(string? envDirs, string? ldLibraryPath, IReadOnlyList<string> loadedPaths,
                                                   Func<string, IEnumerable<string>> subdirs)
    {
        var dirs = new List<string>();
        void Add(string d)
        {
            d = d.TrimEnd('/');
            if (d.Length > 0 && !dirs.Contains(d, StringComparer.Ordinal)) dirs.Add(d);
        }
        void AddWithNvidiaSiblings(string d)
        {
            Add(d);
            foreach (var s in NvidiaPackageDirs(d, subdirs)) Add(s);
        }

        foreach (var d in Split(envDirs)) Add(d);
        foreach (var p in loadedPaths)
        {
            var file = Path.GetFileName(p);
            if (CudaMarkers.Any(m => file.StartsWith(m, StringComparison.Ordinal)) && Path.GetDirectoryName(p) is { } d)
                AddWithNvidiaSiblings(d);
        }
        foreach (var d in Split(ldLibraryPath)) AddWithNvidiaSiblings(d);
        Add("/usr/local/cuda/lib64");
        return dirs;
    }

    /// <summary>
    /// pip's NVIDIA packages near a library folder: for site-packages/torch/lib or
    /// site-packages/nvidia/X/lib, every site-packages/nvidia/*/lib.
    /// </summary>
    internal static IEnumerable<string> NvidiaPackageDirs(string dir, Func<string, IEnumerable<string>> subdirs)
    {
        var up2 = Path.GetDirectoryName(Path.GetDirectoryName(dir.TrimEnd('/')) ?? "");
        if (string.IsNullOrEmpty(up2)) yield break;
        // torch/lib → site-packages; nvidia/X/lib → nvidia's parent is up3.
        var roots = new List<string> { up2 };
        if (Path.GetFileName(up2) == "nvidia" && Path.GetDirectoryName(up2) is { } up3) roots.Add(up3);
        foreach (var root in roots)
        {
            var nvidia = Path.Combine(root, "nvidia");
            foreach (var pkg in subdirs(nvidia).OrderBy(s => s, StringComparer.Ordinal))
                yield return Path.Combine(pkg, "lib");
        }
    }

    /// <summary>Loads the first candidate the dynamic linker accepts; says what was tried when none is.</summary>
    public static (nint Handle, string Path) Load(CudaLibrary lib)
    {
        var loaded = LoadedLibraries();
        var candidates = Candidates(lib, Environment.GetEnvironmentVariable(EnvVar),
            Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"), loaded, File.Exists, SafeSubdirs);
        foreach (var c in candidates)
            if (NativeLibrary.TryLoad(c, out var h))
                return (h, c);
        throw new InputException(
            $"backend opt: no {lib.Name} library found (looked for {string.Join(", ", lib.FileNames)} in {candidates.Count} places, " +
            $"the last being the system's loader path). Set {EnvVar}=DIR[:DIR...] to the folder that holds it, or {lib.Hint}. " +
            $"With PyTorch: {EnvVar}=$(python3 -c 'import nvidia,os;print(\":\".join(os.path.join(p,d,\"lib\") for p in nvidia.__path__ for d in os.listdir(p)))')");
    }

    /// <summary>
    /// NVRTC opens libnvrtc-builtins by name when it compiles; when NVRTC came from a folder that
    /// is not on the loader's path (pip's nvidia/*/lib), load the builtins beside it first.
    /// </summary>
    public static void PreloadNvrtcBuiltins(string nvrtcPath)
    {
        var dir = Path.GetDirectoryName(nvrtcPath);
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir)) return;
        foreach (var f in Directory.GetFiles(dir, "libnvrtc-builtins.so*").OrderByDescending(f => f, StringComparer.Ordinal))
            if (NativeLibrary.TryLoad(f, out _)) return;
    }

    /// <summary>Paths of the shared objects mapped into this process (Linux: /proc/self/maps).</summary>
    public static IReadOnlyList<string> LoadedLibraries()
    {
        var paths = new List<string>();
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line[slash..].Trim();
                if (path.Contains(".so", StringComparison.Ordinal) && !paths.Contains(path, StringComparer.Ordinal)) paths.Add(path);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return paths;
    }

    private static IEnumerable<string> SafeSubdirs(string dir)
    {
        try
        {
            return Directory.Exists(dir) ? Directory.GetDirectories(dir) : [];
        }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
