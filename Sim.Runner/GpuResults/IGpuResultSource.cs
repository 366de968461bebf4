using Sim.Vhk158.Profiling;

namespace Sim.Runner.GpuResults;

/// <summary>
/// Where the comparison's GPU columns come from. <see cref="GpuResultFiles"/> reads the files
/// that <c>vhksim gpu</c> writes; a live measurement (<c>--measure-gpu</c>, with the Sim.Gpu
/// backends on a CUDA machine) is another implementation of the same lookup.
/// </summary>
public interface IGpuResultSource
{
    /// <summary>The measurement of <paramref name="c"/> (batch 1) of <paramref name="model"/> on <paramref name="backend"/>, or null.</summary>
    GpuMeasurement? Find(string model, FpgaCase c, string backend);
}
