namespace Sim.Vhk158.Compiler.Generators;

/// <summary>Emits the instructions of one group (spec §3.5–§3.10), without the group barrier.</summary>
public interface ILayerGenerator
{
    void Emit(LayerGroup group, CompilerContext ctx, InstructionList list);
}
