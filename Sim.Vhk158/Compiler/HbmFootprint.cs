using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// What one IR program keeps in HBM: every linear's weights as the accelerator stores them (INT4,
/// two to a byte, and only the kept fraction of a sparse weight, as the linear generators' load
/// ratio 2 / density prices them), biases and norm parameters, and the KV cache at the program's
/// context (K and V, INT8, as the attention layers read them). A program that needs more than
/// HBM_TOTAL_SIZE_GB cannot run on the machine; <see cref="Check"/> rejects it in one line.
/// </summary>
public sealed record HbmFootprint(long WeightBytes, long KvCacheBytes)
{
    /// <summary>INT4 weights: two per byte (the 2 of the linear generators' load ratio).</summary>
    public const int WeightsPerByte = 2;

    public long TotalBytes => WeightBytes + KvCacheBytes;

    public static HbmFootprint Of(IrProgram program)
    {
        double weights = 0;
        long kv = 0;
        foreach (var layer in program.Layers)
        {
            if (layer.Type.IsLinear() && layer.Params is { Count: > 0 } p)
            {
                var w = p[0];
                weights += w.Shape.Elements * (w.Sparsity?.Ratio ?? 1) / WeightsPerByte;
                for (int i = 1; i < p.Count; i++) weights += Bytes(p[i]);
            }
            else if (layer.Type == LayerType.Layernorm && layer.Params is { } np)
                foreach (var t in np) weights += Bytes(t);
            else if (layer.Type.IsAttention() && layer.Inputs.Count > 1)
                kv += Bytes(layer.Inputs[1]);   // K^T of q·Kᵀ, V of ·V: the cache at this context
        }
        return new HbmFootprint((long)Math.Ceiling(weights), kv);
    }

    private static long Bytes(IrTensor t) => t.Shape.Elements * IrLimits.BytesPerElement(t.DType);

    /// <summary>Throws <see cref="InputException"/> when <paramref name="program"/> does not fit the config's HBM.</summary>
    public static void Check(IrProgram program, HardwareConfig config, string source)
    {
        long capacity = (long)config.HbmTotalSizeGB << 30;
        if (capacity <= 0) return;   // no capacity given: nothing to check against
        var f = Of(program);
        if (f.TotalBytes <= capacity) return;
        string stage = program.Stage == Stage.Prefill ? "prefill" : "decode";
        throw new InputException(
            $"the model needs {Gib(f.TotalBytes)} GiB of HBM for {stage} at {program.Tokens} tokens " +
            $"({Gib(f.WeightBytes)} GiB of INT4 weights, {Gib(f.KvCacheBytes)} GiB of KV cache), " +
            $"more than HBM_TOTAL_SIZE_GB ({config.HbmTotalSizeGB} GiB) holds", source);
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
