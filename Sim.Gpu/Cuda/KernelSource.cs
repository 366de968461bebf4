using System.Reflection;
using System.Text.RegularExpressions;

namespace Sim.Gpu.Cuda;

/// <summary>The CUDA C sources kept in Sim.Gpu/Cuda/Kernels (embedded resources), compiled at run time by NVRTC.</summary>
public static partial class KernelSource
{
    public const string Llama = "llama.cu";

    public static string Load(string file)
    {
        var name = $"Sim.Gpu.Cuda.Kernels.{file}";
        using var s = typeof(KernelSource).Assembly.GetManifestResourceStream(name)
                      ?? throw new InvalidOperationException($"embedded kernel source {name} is missing from the build");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Set to a .cu file to compile it instead of the embedded source (to try kernel changes on a GPU without a rebuild).</summary>
    public const string OverrideEnvVar = "VHKSIM_OPT_KERNEL_SOURCE";

    /// <summary>The embedded source, or the file VHKSIM_OPT_KERNEL_SOURCE names.</summary>
    public static string LoadOrOverride(string file)
    {
        var path = Environment.GetEnvironmentVariable(OverrideEnvVar);
        if (string.IsNullOrWhiteSpace(path)) return Load(file);
        if (!File.Exists(path))
            throw new Sim.Core.Errors.InputException($"{OverrideEnvVar}: kernel source '{path}' does not exist (expected a .cu file like {file})");
        return File.ReadAllText(path);
    }

    /// <summary>The names of the <c>extern "C" __global__</c> functions a source defines.</summary>
    public static IReadOnlyList<string> KernelNames(string source) =>
        GlobalFunction().Matches(source).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"extern\s+""C""\s+__global__\s+(?:__launch_bounds__\([^)]*\)\s+)?void\s+(?:__launch_bounds__\([^)]*\)\s+)?(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex GlobalFunction();
}
