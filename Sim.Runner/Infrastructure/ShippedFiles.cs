namespace Sim.Runner.Infrastructure;

/// <summary>
/// The configs, model descriptions, cases and GPU results that ship with the tool (copied next to
/// it at build and pack time). A default path such as <c>configs/vhk158.yaml</c> means the working
/// folder's file when there is one (the repository, or a copy made by <c>vhksim config init</c>),
/// else the tool's own, so every verb runs from any folder. Paths a user gives are never redirected.
/// </summary>
public static class ShippedFiles
{
    /// <summary>The folders that ship, relative to the tool (and to the repository root).</summary>
    public static readonly IReadOnlyList<string> Folders = ["configs", "results/gpu"];

    /// <summary>Where the tool's own copy of a shipped path is.</summary>
    public static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>The working folder's <paramref name="relative"/> when it exists, else the tool's copy (when that exists), else the path unchanged.</summary>
    public static string Resolve(string relative)
    {
        if (File.Exists(relative) || Directory.Exists(relative)) return relative;
        var shipped = Shipped(relative);
        return File.Exists(shipped) || Directory.Exists(shipped) ? shipped : relative;
    }
}
