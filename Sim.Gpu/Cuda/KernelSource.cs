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

    /// <summary>The names of the <c>extern "C" __global__</c> functions a source defines.</summary>
    public static IReadOnlyList<string> KernelNames(string source) =>
        GlobalFunction().Matches(source).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"extern\s+""C""\s+__global__\s+(?:__launch_bounds__\([^)]*\)\s+)?void\s+(?:__launch_bounds__\([^)]*\)\s+)?(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex GlobalFunction();
}
