using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>Maps a MISC-type layer to its SFU operation.</summary>
public static class MiscOps
{
    public static MiscOp For(IrLayer layer, CompilerContext ctx) => layer.Type switch
    {
        LayerType.Layernorm => layer.Structure.RmsFlag == true ? MiscOp.RmsLayernorm : MiscOp.Layernorm,
        LayerType.Softmax => MiscOp.Softmax,
        LayerType.Silu => MiscOp.Silu,
        LayerType.Eltwise => layer.Structure.EltwiseType switch
        {
            "eltwise_add" => MiscOp.EltwiseAdd,
            "eltwise_mul" => MiscOp.EltwiseMul,
            var t => throw ctx.Error(layer, $"eltwise_type '{t}' is not one of eltwise_add, eltwise_mul"),
        },
        _ => throw ctx.Error(layer, "is not a MISC layer"),
    };
}
