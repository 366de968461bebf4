using Sim.Vhk158.Compiler;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Progress inside one bucket, for whoever shows it: the share of the program's IR layers whose
/// group has been taken for the machine (the machine pulls a group when a module first needs it,
/// and the compile-ahead thread runs at most a few groups before it, so this follows the
/// simulation), reported once per group, and 1 when the run is over. Nothing is wrapped or
/// called when nobody listens.
/// </summary>
public static class LayerProgress
{
    /// <param name="groups">the compiled groups, as the machine will pull them</param>
    /// <param name="layers">the program's IR layers (each group covers its layer and the followers fused into it)</param>
    /// <param name="progress">receives the share before each group enters, on the thread that takes the groups (the compile-ahead thread, when there is one)</param>
    public static IEnumerable<CompiledGroup> Reporting(IEnumerable<CompiledGroup> groups, int layers, IProgress<double> progress)
    {
        int entered = 0;
        foreach (var group in groups)
        {
            progress.Report(layers > 0 ? Math.Min(1.0, (double)entered / layers) : 0);
            entered += 1 + group.Group.Fused.Count;
            yield return group;
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls <paramref name="report"/> at once, on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    public static IProgress<double> To(Action<double> report) => new Direct(report);

    private sealed class Direct(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
