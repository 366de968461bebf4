using Sim.Core.Errors;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// Walks the IR between the input and output layers and forms the groups of spec §3.4:
/// attention+softmax, linear+silu, linear+1 or 3 eltwise, or a layer alone.
/// </summary>
public static class FusionPlanner
{
    public static IEnumerable<LayerGroup> Plan(IReadOnlyList<IrLayer> layers, string source)
    {
        int inputIndex = -1, outputIndex = -1;
        for (int i = 0; i < layers.Count; i++)
        {
            if (inputIndex < 0 && layers[i].Type == LayerType.Input) inputIndex = i;
            if (layers[i].Type == LayerType.Output) outputIndex = i;
        }
        if (inputIndex < 0) throw new InputException("the IR has no 'input' layer", source);
        if (outputIndex < 0) throw new InputException("the IR has no 'output' layer", source);
        int first = inputIndex + 1, last = outputIndex;

        int group = 0;
        for (int i = first; i < last;)
        {
            var layer = layers[i];
            var next = i < last - 1 ? layers[i + 1] : null;
            string outName = layer.Outputs.Count > 0 ? layer.Outputs[0].Name : "";
            if (layer.Type.IsAttention() && next is { Type: LayerType.Softmax } && next.Inputs[0].Name == outName)
            {
                yield return new LayerGroup(group++, layer, FusionKind.Softmax, new[] { next });
                i += 2;
            }
            else if (layer.Type.IsLinear() && next is { Type: LayerType.Silu } && next.Inputs[0].Name == outName)
            {
                yield return new LayerGroup(group++, layer, FusionKind.Silu, new[] { next });
                i += 2;
            }
            else if (layer.Type.IsLinear() && next is { Type: LayerType.Eltwise } &&
                     next.Inputs.Any(t => t.Name == outName))
            {
                var fused = new List<IrLayer>();
                for (int j = i + 1; j < last && layers[j].Type == LayerType.Eltwise; j++) fused.Add(layers[j]);
                if (fused.Count != 1 && fused.Count != 3)
                    throw new InputException(
                        $"layer '{layer.Name}' ({LayerTypeNames.ToYaml(layer.Type)}) is followed by {fused.Count} consecutive eltwise layers; fusion takes 1 or 3", source);
                for (int j = 1; j < fused.Count; j++)
                    if (!fused[j].Name.Contains("RoPE", StringComparison.Ordinal))
                        throw new InputException(
                            $"layer '{fused[j].Name}' is fused as the {j + 1}th eltwise after '{layer.Name}' but is not a RoPE layer", source);
                yield return new LayerGroup(group++, layer, fused.Count == 1 ? FusionKind.Eltwise : FusionKind.Eltwise3, fused);
                i += 1 + fused.Count;
            }
            else
            {
                if (layer.Type is LayerType.Input or LayerType.Output)
                    throw new InputException($"layer '{layer.Name}' ({LayerTypeNames.ToYaml(layer.Type)}) may not appear between the input and output layers", source);
                yield return new LayerGroup(group++, layer, FusionKind.None, Array.Empty<IrLayer>());
                i += 1;
            }
        }
    }
}
