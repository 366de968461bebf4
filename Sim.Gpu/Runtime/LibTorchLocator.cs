using Sim.Core.Errors;

namespace Sim.Gpu.Runtime;

/// <summary>
/// Finds the native libtorch folder: the one given with <c>--libtorch DIR</c>, else the first
/// folder on <c>LD_LIBRARY_PATH</c> that holds the library the device needs. Null means "use
/// what the build bundled" (the libtorch-cpu package beside the program).
/// </summary>
public static class LibTorchLocator
{
    public const string LdHint =
        "export LD_LIBRARY_PATH=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib";

    /// <summary>The library whose presence marks a usable libtorch folder for the device.</summary>
    public static string MarkerLibrary(TorchDevice device) =>
        device == TorchDevice.Cuda ? "libtorch_cuda.so" : "libtorch_cpu.so";

    public static string? Find(TorchDevice device, string? explicitDir, string? ldLibraryPath)
    {
        var marker = MarkerLibrary(device);
        if (explicitDir is not null)
        {
            var full = Path.GetFullPath(explicitDir);
            if (!Directory.Exists(full))
                throw new InputException($"--libtorch: folder '{explicitDir}' does not exist");
            if (!File.Exists(Path.Combine(full, marker)))
                throw new InputException(
                    $"--libtorch: '{explicitDir}' has no {marker}; give the lib folder of a " +
                    (device == TorchDevice.Cuda ? "CUDA libtorch (for PyTorch: torch/lib)" : "libtorch") +
                    $", or set LD_LIBRARY_PATH instead ({LdHint})");
            return full;
        }
        foreach (var dir in (ldLibraryPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, marker))) return Path.GetFullPath(dir);
        }
        return null;
    }

    /// <summary>
    /// Whether the build bundled the CPU libtorch (the libtorch-cpu package's natives beside the
    /// program). The CLI leaves it out by default: only the GPU verb on the CPU needs it.
    /// </summary>
    public static bool HasBundledCpu(string programDir) =>
        File.Exists(Path.Combine(programDir, "libtorch_cpu.so")) ||
        File.Exists(Path.Combine(programDir, "runtimes", "linux-x64", "native", "libtorch_cpu.so"));

    /// <summary>What to do when no libtorch is found for the CPU device.</summary>
    public const string CpuInstallHint =
        "this build has no CPU libtorch (about 600 MB; the FPGA verbs need none, so it is left out by default). " +
        "Build with it: dotnet build Sim.Runner -c Release -p:VhkLibTorchCpu=true; or pass --libtorch DIR (or set " +
        "LD_LIBRARY_PATH) to a libtorch 2.10 lib folder, e.g. PyTorch's: " + LdHint;
}
