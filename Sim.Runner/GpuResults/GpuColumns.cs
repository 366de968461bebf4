using Sim.Vhk158.Profiling;

namespace Sim.Runner.GpuResults;

/// <summary>
/// Which backend fills which GPU column of the seed's table: GPU-naive is the <c>naive</c>
/// backend; GPU-opt is <c>opt</c> where it was measured, else <c>torch-opt</c>.
/// </summary>
public static class GpuColumns
{
    public const string NaiveName = "GPU-naive", OptName = "GPU-opt";
    private static readonly string[] NaiveBackends = ["naive"];
    private static readonly string[] OptBackends = ["opt", "torch-opt"];

    /// <summary>The column names with the backends each tries, in order of preference.</summary>
    public static IReadOnlyList<(string Column, IReadOnlyList<string> Backends)> All { get; } =
        [(NaiveName, NaiveBackends), (OptName, OptBackends)];

    /// <summary>The first backend of the column that has a measurement of the case.</summary>
    public static GpuMeasurement? Find(IGpuResultSource source, string model, FpgaCase c, IReadOnlyList<string> backends) =>
        backends.Select(b => source.Find(model, c, b)).FirstOrDefault(m => m is not null);
}
