using System.Text.RegularExpressions;
using Sim.Core.Errors;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Synthetic;
using Sim.Workloads.Models;
using YamlDotNet.Serialization;

namespace Sim.Vhk158.ConfigChecks;

/// <summary>
/// Runs the compiler (not the machine) on every bucket a config can be asked for, up to MAX_LEN,
/// so that <c>config check</c> rejects what a run would reject. It compiles a one-block copy of
/// the model: the decoder blocks are alike, so one block meets every rule the compiler checks at
/// 1/32 of the cost. A rejection names its keys: those its message names, and those whose
/// reference value (the shipped config's) makes the failing bucket compile.
/// </summary>
public sealed partial class CompilerCheck
{
    private static readonly HashSet<string> NotCompilerKeys = ["OUTPUT_DIR", "DEBUG"];

    private readonly ModelDescription _oneBlock;
    private readonly BucketPolicy _policy;

    public CompilerCheck(ModelDescription model, BucketPolicy? policy = null)
    {
        _oneBlock = OneBlock(model);
        _policy = policy ?? BucketPolicy.Reference;
    }

    /// <summary>The rejections, one per stage that has any (prefill first); empty when every bucket compiles.</summary>
    /// <param name="reference">the config whose values are tried key by key to find the cause, or null</param>
    public IReadOnlyList<CompileRejection> Run(HardwareConfig config, HardwareConfig? reference, int parallelism = 0)
    {
        var buckets = CheckBuckets.All(config.MaxLen, _policy);
        var masks = MasksFor(config);
        var errors = new string?[buckets.Count];
        Parallel.For(0, buckets.Count, Options(parallelism), i => errors[i] = Compile(config, masks, buckets[i]));

        var rejections = new List<CompileRejection>();
        foreach (var stage in new[] { Stage.Prefill, Stage.Decode })
        {
            var indices = Enumerable.Range(0, buckets.Count).Where(i => buckets[i].Stage == stage).ToList();
            var failing = indices.Where(i => errors[i] is not null).ToList();
            if (failing.Count == 0) continue;
            var first = buckets[failing[0]];
            var message = errors[failing[0]]!;
            rejections.Add(new CompileRejection(stage, first.Tokens, buckets[failing[^1]].Tokens, failing.Count, indices.Count,
                message, Blame(config, reference, first, message, parallelism)));
        }
        return rejections;
    }

    /// <summary>Null when the bucket compiles, else the compiler's message.</summary>
    private string? Compile(HardwareConfig config, MaskSet? masks, Bucket bucket)
    {
        try
        {
            var program = new IrGenerator(_oneBlock).Generate(bucket.Stage, bucket.Tokens);
            var source = $"{bucket} ({_oneBlock.Name}, one block)";
            foreach (var group in new ProgramCompiler(config, masks, source).Compile(program))
                group.Instructions.Recycle();
            return null;
        }
        catch (InputException e)
        {
            return StripSource(e);
        }
    }

    private IReadOnlyList<KeyBlame> Blame(HardwareConfig config, HardwareConfig? reference, Bucket bucket, string message, int parallelism)
    {
        var named = ConfigKeyTable.All.Select(k => k.Name)
            .Where(n => !NotCompilerKeys.Contains(n) && Regex.IsMatch(message, $@"\b{n}\b")).ToList();
        var fixes = new List<KeyBlame>();
        if (reference is not null)
        {
            var differing = ConfigKeyTable.All
                .Where(k => !NotCompilerKeys.Contains(k.Name) && k.Format(config) != k.Format(reference)).ToList();
            var fixing = new KeyBlame?[differing.Count];
            Parallel.For(0, differing.Count, Options(parallelism), i =>
            {
                var value = differing[i].Format(reference);
                HardwareConfig candidate;
                try { candidate = HardwareConfigLoader.WithOverride(config, differing[i].Name, value); }
                catch (InputException) { return; } // the reference value alone does not make a valid config
                MaskSet? masks;
                try { masks = MasksFor(candidate); }
                catch (InputException) { return; }
                if (candidate.MaxLen >= bucket.Tokens && Compile(candidate, masks, bucket) is null)
                    fixing[i] = new KeyBlame(differing[i].Name, value);
            });
            fixes.AddRange(fixing.OfType<KeyBlame>());
        }
        if (fixes.Count > 0) return fixes;
        return named.Select(n => new KeyBlame(n, null)).ToList();
    }

    private MaskSet? MasksFor(HardwareConfig config) =>
        SyntheticMaskGenerator.Generate(SyntheticMaskOptions.ForModel(_oneBlock, config.MaxLen, config.MaskLayoutBlockSize));

    private static ParallelOptions Options(int parallelism) =>
        new() { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };

    /// <summary>The message without the "source: " the exception puts before it.</summary>
    private static string StripSource(InputException e) =>
        e.File is { } file && e.Message.StartsWith(file + ": ", StringComparison.Ordinal) ? e.Message[(file.Length + 2)..] : e.Message;

    /// <summary>A copy of the model with one decoder block (through YAML, so every field comes along).</summary>
    private static ModelDescription OneBlock(ModelDescription model)
    {
        var yaml = new SerializerBuilder().Build().Serialize(model);
        var copy = new DeserializerBuilder().IgnoreUnmatchedProperties().Build().Deserialize<ModelDescription>(yaml); // derived read-only values (HeadDim) come back unmatched
        copy.NumHiddenLayers = 1;
        return copy;
    }
}
