using System.Globalization;
using Sim.Core.Errors;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// How large a per-instruction trace of a bucket will be, from its compiled instruction count
/// (compiling is cheap next to simulating), so a user hears it before hundreds of MB are written.
/// </summary>
public sealed record TraceEstimate(long Instructions, long Bytes)
{
    public static TraceEstimate Of(SimulationPipeline pipeline, Bucket bucket, int bytesPerInstruction)
    {
        long count = 0;
        foreach (var group in pipeline.Compile(bucket))
        {
            count += group.Instructions.Count;
            group.Instructions.Recycle();
        }
        return new TraceEstimate(count, count * bytesPerInstruction);
    }

    public double Megabytes => Bytes / 1e6;

    public string Describe(string path) => string.Create(CultureInfo.InvariantCulture,
        $"trace: {Instructions:N0} instructions, about {Megabytes:0.#} MB, to {path}");

    /// <summary>Throws when the estimate is over the limit: nothing is simulated or written then.</summary>
    public void Check(double limitMb)
    {
        if (Megabytes > limitMb)
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"the trace would be about {Megabytes:0.#} MB, over --trace-limit {limitMb:0.###} MB"))
            {
                Hint = "raise --trace-limit to write it anyway, use --trace-format csv (about half the size), or see the merged view of `vhksim timeline --layers A-B --file-format perfetto`",
            };
    }
}
