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
/// <remarks>
/// A group's code depends only on the config and on its layers' content (not on names, nor on
/// its place in the program beyond being first or last), so groups that a
/// <see cref="CompiledGroupCache"/> already holds — the 32 identical transformer layers of one
/// bucket, the non-attention layers of every decode bucket — are compiled once and shared.
/// The other groups are written into pooled buffers that the consumer hands back.
/// </remarks>
public sealed class ProgramCompiler
{
    private static readonly ILayerGenerator Misc = new MiscLayerGenerator();
    private static readonly ILayerGenerator Concat = new ConcatGenerator();
    private static readonly ILayerGenerator LinearMv = new LinearMvGenerator();
    private static readonly ILayerGenerator LinearMm = new LinearMmGenerator();
    private static readonly ILayerGenerator AttentionMv = new AttentionMvGenerator();
    private static readonly ILayerGenerator AttentionMm = new AttentionMmGenerator();

    private readonly CompilerContext _ctx;
    private readonly CompiledGroupCache? _cache;
    private readonly Lazy<string> _configKey;

    /// <param name="cache">where groups compiled for this config are shared, or null to compile every group</param>
    public ProgramCompiler(HardwareConfig config, MaskSet? masks, string source, CompiledGroupCache? cache = null)
        : this(config, masks, source, cache, new Lazy<string>(() => CompiledGroupCache.ConfigKey(config)))
    {
    }

    /// <param name="configKey">the config's part of the cache key (<see cref="CompiledGroupCache.ConfigKey"/>), made once by the caller for all its programs</param>
    internal ProgramCompiler(HardwareConfig config, MaskSet? masks, string source, CompiledGroupCache? cache, Lazy<string> configKey)
    {
        _ctx = new CompilerContext(config, masks, source);
        _cache = cache;
        _configKey = configKey;
    }

    /// <summary>
    /// The groups in program order. A group's list is either shared (never changes) or comes from
    /// this enumeration's pool: call <see cref="InstructionList.Recycle"/> once done with it to
    /// let a later group reuse its buffers.
    /// </summary>
    public IEnumerable<CompiledGroup> Compile(IrProgram program)
    {
        HbmFootprint.Check(program, _ctx.Config, _ctx.Source);
        var plan = FusionPlanner.Plan(program.Layers, _ctx.Source).ToList();
        // Two pools: groups the cache may keep are compiled into one (and copied out when kept, so
        // its few lists are mostly scratch), the others into another; lists that stay with one
        // kind of group grow only to that kind's size (prefill attention against the matrix layers).
        var pool = new InstructionListPool();
        var cacheablePool = new InstructionListPool();
        // Hashed here, on the thread that enumerates (the compile-ahead thread for one bucket).
        string configKey = _cache is null ? "" : _configKey.Value;
        for (int g = 0; g < plan.Count; g++)
        {
            var group = plan[g];
            bool isLast = g == plan.Count - 1;
            var list = _cache is not null && CompiledGroupCache.Accepts(group)
                ? _cache.GetOrAdd(configKey, group, isLast, () => CompileGroup(group, isLast, cacheablePool))
                : CompileGroup(group, isLast, pool);
            yield return new CompiledGroup(group, list, isLast);
        }
    }

    private InstructionList CompileGroup(LayerGroup group, bool isLast, InstructionListPool pool)
    {
        var list = pool.Rent();
        GeneratorFor(group.Layer).Emit(group, _ctx, list);
        ApplyBarrier(group, list, isLast);
        _ = list.Tokens; // counted here, on the compiling thread, not by the machine
        pool.Filled(list);
        return list;
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
        if (list.Count == 0 || list.FirstModule != Module.LD || !list.First.Wait.IsEmpty)
            throw _ctx.Error(layer, "generated code must start with an LD that waits for nothing");
        ref var lastSt = ref list.Last;
        if (list.LastModule != Module.ST || !lastSt.Release.IsEmpty)
            throw _ctx.Error(layer, "generated code must end with an ST that releases nothing");
        list.First.Wait = group.Index == 0 ? ModuleSet.None : ModuleSet.Of(Module.SYS);
        lastSt.Release = ModuleSet.Of(Module.SYS);
        list.Add(Instruction.Sys().Waits(ModuleSet.Of(Module.ST)).Releases(isLast ? ModuleSet.None : ModuleSet.Of(Module.LD)));
        for (int m = 0; m < ModuleSet.Count; m++)
            foreach (ref readonly var ins in list.Queue((Module)m))
                if (InstructionEncoder.RangeError(ins) is { } error) throw _ctx.Error(layer, error);
    }
}
