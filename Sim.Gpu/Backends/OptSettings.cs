using System.Globalization;
using Sim.Core.Errors;
using Sim.Gpu.Cuda;

namespace Sim.Gpu.Backends;

/// <summary>How many blocks a decode GEMV launches.</summary>
public enum GemvGrid
{
    /// <summary>One block per 2·warps rows.</summary>
    Units,

    /// <summary>As many blocks as fit on the GPU at once, each warp taking several row pairs in turn.</summary>
    Resident,

    /// <summary>Like Resident, but only as many warps as give every warp the same number of row pairs
    /// (the last round is not left to a few warps), where that keeps at least three quarters of them.</summary>
    Balanced,
}

/// <summary>Which decode kernels are launched with programmatic dependent launch (sm_90).</summary>
public enum PdlScope
{
    /// <summary>None: each kernel starts when the previous one has finished.</summary>
    Off,

    /// <summary>The GEMVs (and the argmax): their first weight loads overlap the previous kernel's tail;
    /// the attention kernel is launched plainly, so its blocks spread over the whole GPU.</summary>
    Gemv,

    /// <summary>Every decode kernel after the first.</summary>
    All,
}

/// <summary>
/// The opt backend's tuning choices, each settable through an environment variable so that one
/// build can compare them on the GPU (scripts/gpu/h200-*.sh). The defaults are the measured best
/// on the H200 (results/gpu/README.md).
/// </summary>
/// <param name="Gemv">GEMV block shape (VHKSIM_OPT_GEMV_SHAPE=WARPSxUNROLL)</param>
/// <param name="AttentionChunk">keys per decode-attention split (VHKSIM_OPT_ATT_CHUNK: 64 or 128; 128 measured faster)</param>
/// <param name="Pdl">programmatic dependent launch between decode kernels (VHKSIM_OPT_PDL=off|gemv|all, 0 = off, 1 = all)</param>
/// <param name="Grid">GEMV grid (VHKSIM_OPT_GEMV_GRID=units|resident|balanced)</param>
/// <param name="PdlTriggerAtEnd">a GEMV releases its dependent launch after its main loop rather than at its start
/// (VHKSIM_OPT_PDL_TRIGGER=end|start)</param>
/// <param name="GemvMinBlocks">GEMV blocks that must fit on one SM, which caps the registers per thread
/// (VHKSIM_OPT_GEMV_MINBLOCKS=1..4)</param>
/// <param name="L2AttentionMb">the attention kernel prefetches (after its own loads) the first this many MB of the
/// O projection's weights into L2 while it runs (VHKSIM_OPT_L2_ATT_MB=0..64)</param>
/// <param name="L2TailMb">each GEMV's warps, their own loads issued, prefetch the first this many MB of the next
/// matrix into L2 (VHKSIM_OPT_L2_TAIL_MB=0..48)</param>
/// <param name="AttentionEarlyLoads">the attention kernel issues its key/value-cache loads before it waits for the QKV
/// GEMV (VHKSIM_OPT_ATT_EARLY=on|off; pays only with the attention launched programmatically, VHKSIM_OPT_PDL=all)</param>
/// <param name="ClusterCombine">the attention splits of a head run as one thread block cluster (up to 8 splits, sm_90)
/// and are combined through shared memory, not global memory and a counter (VHKSIM_OPT_ATT_CLUSTER=on|off)</param>
/// <param name="GemvTensorCores">the GEMV's products on the tensor cores (mma.sync m16n8k16 on fp16 x, fp32 sums) rather
/// than fp32 FMAs after converting every weight (VHKSIM_OPT_GEMV_MATH=mma|fma)</param>
/// <param name="AttentionPush">with ClusterCombine, each split stores its partials into the first block's shared memory
/// before the one cluster barrier, rather than the first reading them from the others' after it (which needs a second
/// barrier before they may leave) (VHKSIM_OPT_ATT_COMBINE=push|pull)</param>
/// <param name="AttentionValuesLate">attention requests its value rows after this token's q, which is on its critical path,
/// rather than with its key rows before its wait (VHKSIM_OPT_ATT_VALUES=late|early)</param>
/// <param name="GateUpReleaseAtWait">the gate-up (or fc1) GEMV lets the down projection launch once its wait returns, so that
/// down's blocks take the room gate-up's balanced grid leaves and start their first loads (VHKSIM_OPT_GATEUP_TRIGGER=wait|end)</param>
/// <param name="AttentionKeysByWarps">each warp of an attention split takes 32 of its keys on its own, a half-warp loading two whole
/// key rows per instruction, with softmax statistics per warp and one block barrier, rather than one key row per thread
/// (VHKSIM_OPT_ATT_KEYS=warps|threads; head dimension 128, else threads)</param>
/// <param name="AttentionReleaseAtQ">with <paramref name="AttentionKeysByWarps"/>, attention lets the O projection launch once its q is
/// in rather than at its start, so that O's first loads do not queue ahead of q (VHKSIM_OPT_ATT_TRIGGER=q|start)</param>
public sealed record OptSettings(GemvShape Gemv, int AttentionChunk, PdlScope Pdl, GemvGrid Grid,
                                 bool PdlTriggerAtEnd = false, int GemvMinBlocks = 1, int L2AttentionMb = 0, int L2TailMb = 0,
                                 bool AttentionEarlyLoads = false, bool ClusterCombine = false, bool GemvTensorCores = false,
                                 bool AttentionPush = false, bool AttentionValuesLate = false, bool GateUpReleaseAtWait = false,
                                 bool AttentionKeysByWarps = false, bool AttentionReleaseAtQ = false)
{
    public const string ChunkEnvVar = "VHKSIM_OPT_ATT_CHUNK", PdlEnvVar = "VHKSIM_OPT_PDL", GridEnvVar = "VHKSIM_OPT_GEMV_GRID",
        TriggerEnvVar = "VHKSIM_OPT_PDL_TRIGGER", MinBlocksEnvVar = "VHKSIM_OPT_GEMV_MINBLOCKS",
        L2AttentionEnvVar = "VHKSIM_OPT_L2_ATT_MB", L2TailEnvVar = "VHKSIM_OPT_L2_TAIL_MB",
        EarlyEnvVar = "VHKSIM_OPT_ATT_EARLY", ClusterEnvVar = "VHKSIM_OPT_ATT_CLUSTER", MathEnvVar = "VHKSIM_OPT_GEMV_MATH",
        CombineEnvVar = "VHKSIM_OPT_ATT_COMBINE", ValuesEnvVar = "VHKSIM_OPT_ATT_VALUES", GateUpTriggerEnvVar = "VHKSIM_OPT_GATEUP_TRIGGER",
        KeysEnvVar = "VHKSIM_OPT_ATT_KEYS", AttentionTriggerEnvVar = "VHKSIM_OPT_ATT_TRIGGER";

    /// <summary>
    /// Measured best on the H200 (results/gpu/README.md): every kernel launched programmatically, GEMVs releasing it at
    /// their end, on grids balanced by rounds, their products on the tensor cores; attention issuing its cache loads before
    /// its wait and its value rows after q, its keys taken by warps and the O projection released once q is in, its splits
    /// combined in clusters, each pushing its partials to the first block; the gate-up GEMV releasing the down projection at its wait.
    /// </summary>
    public static OptSettings Default { get; } = new(GemvShape.Default, ContextBuckets.AttentionChunk, PdlScope.All, GemvGrid.Balanced,
        PdlTriggerAtEnd: true, AttentionEarlyLoads: true, ClusterCombine: true, GemvTensorCores: true, AttentionPush: true,
        AttentionValuesLate: true, GateUpReleaseAtWait: true, AttentionKeysByWarps: true, AttentionReleaseAtQ: true);

    public static OptSettings FromEnvironment()
    {
        CheckNames(Environment.GetEnvironmentVariables().Keys.Cast<string>());
        return Parse(Environment.GetEnvironmentVariable);
    }

    /// <summary>Every VHKSIM_OPT_ variable the opt backend reads.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        GemvShape.EnvVar, ChunkEnvVar, PdlEnvVar, GridEnvVar, TriggerEnvVar, MinBlocksEnvVar, L2AttentionEnvVar, L2TailEnvVar,
        EarlyEnvVar, ClusterEnvVar, MathEnvVar, CombineEnvVar, ValuesEnvVar, GateUpTriggerEnvVar, KeysEnvVar, AttentionTriggerEnvVar,
        OptGemvSetting.EnvVar, OptBackend.ProfileEnvVar,
        DecodeTimeline.EnvVar, DecodeTimeline.RecordsEnvVar, KernelSource.OverrideEnvVar,
    ];

    /// <summary>
    /// Refuses a VHKSIM_OPT_ variable the backend does not read: a misspelt or removed setting would otherwise measure
    /// the default under the name the user gave it.
    /// </summary>
    public static void CheckNames(IEnumerable<string> variables)
    {
        var unknown = variables.Where(v => v.StartsWith("VHKSIM_OPT_", StringComparison.Ordinal) && !KnownNames.Contains(v))
                               .Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new InputException($"unknown opt setting {string.Join(", ", unknown)}; the opt backend reads {string.Join(", ", KnownNames)} " +
                                     "(settings of variants that were removed need the commit that had them: results/gpu/README.md)");
    }

    /// <summary>The settings from variables looked up by name (null or blank: the default).</summary>
    public static OptSettings Parse(Func<string, string?> variable)
    {
        string Get(string name) => (variable(name) ?? "").Trim().ToLowerInvariant();
        bool OnOff(string name, bool byDefault) => Get(name) switch
        {
            "" => byDefault,
            "0" or "off" => false,
            "1" or "on" => true,
            _ => throw new InputException($"{name} must be on or off (1 or 0), got '{variable(name)}'"),
        };
        bool OneOf(string name, string yes, string no, bool byDefault)
        {
            var v = Get(name);
            if (v == "") return byDefault;
            if (v == yes || v == no) return v == yes;
            throw new InputException($"{name} must be '{yes}' or '{no}', got '{variable(name)}'");
        }
        var c = Default.AttentionChunk;
        var chunk = Get(ChunkEnvVar);
        if (chunk != "" && !(int.TryParse(chunk, NumberStyles.None, CultureInfo.InvariantCulture, out c) && c is 64 or 128))
            throw new InputException($"{ChunkEnvVar} must be 64 or 128, got '{variable(ChunkEnvVar)}'");
        var p = Get(PdlEnvVar) switch
        {
            "" => Default.Pdl,
            "0" or "off" => PdlScope.Off,
            "gemv" => PdlScope.Gemv,
            "1" or "all" => PdlScope.All,
            _ => throw new InputException($"{PdlEnvVar} must be off, gemv or all (0 = off, 1 = all), got '{variable(PdlEnvVar)}'"),
        };
        var g = Get(GridEnvVar) switch
        {
            "" => Default.Grid,
            "resident" => GemvGrid.Resident,
            "balanced" => GemvGrid.Balanced,
            "units" => GemvGrid.Units,
            _ => throw new InputException($"{GridEnvVar} must be 'resident', 'balanced' or 'units', got '{variable(GridEnvVar)}'"),
        };
        var m = Default.GemvMinBlocks;
        var minBlocks = Get(MinBlocksEnvVar);
        if (minBlocks != "" && !(int.TryParse(minBlocks, NumberStyles.None, CultureInfo.InvariantCulture, out m) && m is >= 1 and <= 4))
            throw new InputException($"{MinBlocksEnvVar} must be 1..4, got '{variable(MinBlocksEnvVar)}'");
        var a = Default.L2AttentionMb;
        var att = Get(L2AttentionEnvVar);
        if (att != "" && !(int.TryParse(att, NumberStyles.None, CultureInfo.InvariantCulture, out a) && a is >= 0 and <= 64))
            throw new InputException($"{L2AttentionEnvVar} must be 0..64 (MB), got '{variable(L2AttentionEnvVar)}'");
        var mb = Default.L2TailMb;
        var tail = Get(L2TailEnvVar);
        if (tail != "" && !(int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out mb) && mb is >= 0 and <= 48))
            throw new InputException($"{L2TailEnvVar} must be 0..48 (MB), got '{variable(L2TailEnvVar)}'");
        var t = OneOf(TriggerEnvVar, "end", "start", Default.PdlTriggerAtEnd);
        var early = OnOff(EarlyEnvVar, Default.AttentionEarlyLoads);
        var clustered = OnOff(ClusterEnvVar, Default.ClusterCombine);
        var mma = OneOf(MathEnvVar, "mma", "fma", Default.GemvTensorCores);
        var push = OneOf(CombineEnvVar, "push", "pull", Default.AttentionPush);
        var valuesLate = OneOf(ValuesEnvVar, "late", "early", Default.AttentionValuesLate);
        var gateUpAtWait = OneOf(GateUpTriggerEnvVar, "wait", "end", Default.GateUpReleaseAtWait);
        var byWarps = OneOf(KeysEnvVar, "warps", "threads", Default.AttentionKeysByWarps);
        var atQ = OneOf(AttentionTriggerEnvVar, "q", "start", Default.AttentionReleaseAtQ);
        return new OptSettings(GemvShape.Parse(variable(GemvShape.EnvVar)), c, p, g, t, m, a, mb, early, clustered, mma, push,
            valuesLate, gateUpAtWait, byWarps, atQ);
    }

    public override string ToString()
    {
        var trigger = Pdl == PdlScope.Off ? "" : (PdlTriggerAtEnd ? " (GEMVs release it at their end" : " (GEMVs release it at their start") +
            (GateUpReleaseAtWait ? ", gate-up at its wait)" : ")");
        var grid = Grid switch
        {
            GemvGrid.Resident => "resident grid",
            GemvGrid.Balanced => "resident grid balanced by rounds",
            _ => "one block per row group",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"GEMV {Gemv} (warps x loads in flight), at least {GemvMinBlocks} per SM, {grid}; " +
            $"attention splits of {AttentionChunk} keys; programmatic dependent launch {Pdl.ToString().ToLowerInvariant()}{trigger}; " +
            $"L2 prefetch: O projection's first {L2AttentionMb} MB during attention, next matrix's first {L2TailMb} MB in GEMV tails; " +
            $"attention: cache loads {(AttentionEarlyLoads ? "before" : "after")} the wait for QKV" +
            $"{(AttentionValuesLate ? " (values after q)" : "")}, keys {(AttentionKeysByWarps ? "by warps (two rows per load)" : "one row per thread")}" +
            $"{(AttentionKeysByWarps && AttentionReleaseAtQ ? ", O released once q is in" : "")}, " +
            $"splits combined {(ClusterCombine ? $"in clusters (up to 8 splits; {(AttentionPush ? "each pushing its partials to the first block" : "the first pulling the others' partials")}), else" : "")} through global memory; " +
            $"GEMV products on {(GemvTensorCores ? "the tensor cores (mma.sync)" : "fp32 FMAs")}");
    }
}
