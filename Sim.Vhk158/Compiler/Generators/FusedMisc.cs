using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler.Generators;

/// <summary>
/// The SFU work fused behind a linear layer's output tile (spec §3.7, §3.9): for an eltwise
/// fusion the second operand is loaded first (once, or twice for the 3-eltwise RoPE triple, each
/// load list releasing the SFU once), then one MISC — or three for RoPE — that waits for the
/// matrix engine's tile. Every MISC takes the op of the first fused layer.
/// </summary>
internal static class FusedMisc
{
    /// <param name="producer">the matrix engine queue that made the tile (MM or MV)</param>
    /// <param name="k">the MISC's K, in blocks</param>
    /// <param name="loads">operand loads per copy</param>
    /// <param name="loadBytes">bytes per operand load</param>
    /// <param name="lastRelease">what the last MISC releases</param>
    public static void Emit(LayerGroup group, CompilerContext ctx, InstructionList list, Module producer,
        int k, int loads, int loadBytes, ModuleSet lastRelease)
    {
        var op = MiscOps.For(group.FirstFused!, ctx);
        bool eltwise = group.Fusion is FusionKind.Eltwise or FusionKind.Eltwise3;
        if (eltwise)
        {
            int copies = group.Fusion == FusionKind.Eltwise3 ? 2 : 1;
            for (int copy = 0; copy < copies; copy++)
            {
                // Behind an MV (decode) the operand is one token's vector.
                var operand = producer == Module.MV ? Operand.ActivationVector : Operand.Activation;
                for (int i = 0; i < loads; i++) list.Add(Instruction.Ld(loadBytes, ctx.Gch, false, LoadTarget.GlobalBuffer).Moves(operand));
                list.FixLastRelease(Module.LD, ModuleSet.Of(Module.MISC));
            }
        }
        if (group.Fusion == FusionKind.Eltwise3)
        {
            list.Add(Instruction.Misc(op, k).Waits(ModuleSet.Of(Module.LD) | producer));
            list.Add(Instruction.Misc(op, k).Waits(ModuleSet.Of(Module.LD)));
            list.Add(Instruction.Misc(op, k).Releases(lastRelease));
        }
        else
        {
            var wait = eltwise ? ModuleSet.Of(Module.LD) | producer : ModuleSet.Of(producer);
            list.Add(Instruction.Misc(op, k).Waits(wait).Releases(lastRelease));
        }
    }
}
