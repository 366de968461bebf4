using Sim.Vhk158.Compiler.Generators;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Workloads.Masks;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// Compiles an IR program into VHK158 instructions, group by group (spec §3.4): each group's
/// code comes from its layer generator, then the group barrier is applied — the first LD waits
/// for the previous SYS, the last ST releases SYS, and a SYS closes the group. Groups are
/// produced lazily so a prefill program of tens of millions of instructions is never held whole.
/// </summary>
public sealed class ProgramCompiler
{
    private static readonly ILayerGenerator Misc = new MiscLayerGenerator();
    private static readonly ILayerGenerator Concat = new ConcatGenerator();
    private static readonly ILayerGenerator LinearMv = new LinearMvGenerator();
    private static readonly ILayerGenerator LinearMm = new LinearMmGenerator();
    private static readonly ILayerGenerator AttentionMv = new AttentionMvGenerator();
    private static readonly ILayerGenerator AttentionMm = new AttentionMmGenerator();

    private readonly CompilerContext _ctx;

    public ProgramCompiler(HardwareConfig config, MaskSet? masks, string source)
    {
        _ctx = new CompilerContext(config, masks, source);
    }

    /// <summary>The groups in program order. Every group gets a fresh instruction list.</summary>
    public IEnumerable<CompiledGroup> Compile(IrProgram program)
    {
        var plan = FusionPlanner.Plan(program.Layers, _ctx.Source).ToList();
        for (int g = 0; g < plan.Count; g++)
        {
            var group = plan[g];
            var list = new InstructionList();
            GeneratorFor(group.Layer).Emit(group, _ctx, list);
            bool isLast = g == plan.Count - 1;
            ApplyBarrier(group, list, isLast);
            yield return new CompiledGroup(group, list, isLast);
        }
    }

    private ILayerGenerator GeneratorFor(IrLayer layer) => layer.Type switch
    {
        LayerType.Layernorm or LayerType.Eltwise or LayerType.Softmax or LayerType.Silu => Misc,
        LayerType.Concat => Concat,
        LayerType.LinearMv => LinearMv,
        LayerType.LinearMm => LinearMm,
        LayerType.AttentionMv => AttentionMv,
        LayerType.AttentionMm => AttentionMm,
        _ => throw _ctx.Error(layer, "has no code generator"),
    };

    private void ApplyBarrier(LayerGroup group, InstructionList list, bool isLast)
    {
        var layer = group.Layer;
        if (list.Count == 0 || list[0].Module != Module.LD || !list[0].Wait.IsEmpty)
            throw _ctx.Error(layer, "generated code must start with an LD that waits for nothing");
        ref var lastSt = ref list[list.Count - 1];
        if (lastSt.Module != Module.ST || !lastSt.Release.IsEmpty)
            throw _ctx.Error(layer, "generated code must end with an ST that releases nothing");
        list[0].Wait = group.Index == 0 ? ModuleSet.None : ModuleSet.Of(Module.SYS);
        lastSt.Release = ModuleSet.Of(Module.SYS);
        list.Add(Instruction.Sys().Waits(ModuleSet.Of(Module.ST)).Releases(isLast ? ModuleSet.None : ModuleSet.Of(Module.LD)));
        for (int i = 0; i < list.Count; i++)
        {
            ref var ins = ref list[i];
            ins.Group = group.Index;
            if (InstructionEncoder.RangeError(ins) is { } error) throw _ctx.Error(layer, error);
        }
    }
}
