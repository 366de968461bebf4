using Sim.Workloads.Ir;
using Sim.Workloads.Masks;

namespace Sim.Workloads.Sources;

/// <summary>Where the IR of a (stage, token length) bucket and the attention masks come from.</summary>
public interface IWorkloadSource
{
    /// <summary>File-name prefix of the IR and CSV files (the reference: "llama2").</summary>
    string Prefix { get; }

    /// <summary>The IR of one bucket.</summary>
    IrProgram Load(Stage stage, int tokens);

    /// <summary>The masks prefill attention reads.</summary>
    MaskSet? Masks { get; }

    /// <summary>A name for messages: the IR file's path, or "generated …".</summary>
    string Describe(Stage stage, int tokens);

    /// <summary>
    /// Everything the IR of one bucket is made from, as text for cache keys: the IR file's
    /// SHA-256, or the generator's inputs. Two buckets with equal content keys have equal IR.
    /// </summary>
    string ContentKey(Stage stage, int tokens);
}
