namespace Sim.Runner.GpuResults;

/// <summary>Which GPU result files were read, or the folders that had none, for the report's n/a notes.</summary>
public sealed record GpuSearch(IReadOnlyList<string> Files, IReadOnlyList<string> Folders)
{
    public override string ToString() => Files.Count > 0
        ? $"in {string.Join(", ", Files)}"
        : $"no GPU result files (no *.csv in {string.Join(" or ", Folders.Select(f => f + "/"))})";
}
