namespace Sim.Tests.Shared;

/// <summary>
/// Locates the FlightLLM artifact's data in <c>../shared/flightllm-reference</c> beside the
/// checkout. A fresh clone does not have it, so tests that need it call <see cref="SkipIfAbsent"/>.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The repository root (the folder holding VhkSim.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VhkSim.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("VhkSim.sln not found above the test binaries");
        }
    }

    /// <summary>The reference folder, or null when it is absent.</summary>
    public static string? Folder => Root.Value;

    public static string Dir => Folder ?? throw new InvalidOperationException("reference data absent");
    public static string ConfigPath => Path.Combine(Dir, "config.yaml");
    public static string IrDir => Path.Combine(Dir, "ir_output");
    public static string MaskDir => Path.Combine(IrDir, "attention_mask");
    public static string ProfilerDir => Path.Combine(Dir, "profiler_output");

    public static void SkipIfAbsent() =>
        Skip.If(Folder is null,
            "FlightLLM reference data not found at ../shared/flightllm-reference beside the checkout; " +
            "this test compares against it and is skipped without it.");

    private static string? Find()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "flightllm-reference"));
        return Directory.Exists(Path.Combine(candidate, "ir_output")) ? candidate : null;
    }
}
