using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks.Synthetic;
using Sim.Workloads.Models;
using Sim.Workloads.Sources;
using Xunit.Abstractions;

namespace Sim.Vhk158.Tests.Models;

/// <summary>
/// OPT-6.7B, LLaMA-3-8B (grouped-query attention) and LLaMA2-13B on the FPGA: the six standard
/// cases on the reference and on the detailed VHK158 machine, and decode time that follows the
/// bytes read per token.
/// </summary>
public class ModelFamilyFpgaTests(ITestOutputHelper output)
{
    public static readonly TheoryData<string> Models = new() { "opt-6.7b", "llama3-8b", "llama2-13b" };

    private static ModelDescription Model(string name) =>
        ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", name + ".yaml"));

    private static HardwareConfig DetailedConfig() =>
        HardwareConfigLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158-detailed.yaml"));

    private static SimulationPipeline Pipeline(HardwareConfig config, ModelDescription m) =>
        new(config, new GeneratedSource(m, SyntheticMaskGenerator.Generate(SyntheticMaskOptions.ForModel(m, config.MaxLen, config.MaskLayoutBlockSize))), cache: null);

    private static List<CompiledGroup> Compile(HardwareConfig config, ModelDescription m, Stage stage, int tokens) =>
        Pipeline(config, m).Compile(new Bucket(stage, tokens)).ToList();

    private static HbmTraffic Traffic(IEnumerable<CompiledGroup> groups, Func<LayerGroup, bool>? which = null) =>
        groups.Where(g => which?.Invoke(g.Group) ?? true).Aggregate(new HbmTraffic(), (t, g) => t + HbmTraffic.Of(g.Instructions));

    /// <summary>One decode step's time (ms) and the HBM bytes it reads, at context <paramref name="tokens"/>.</summary>
    private static (double Ms, double ReadBytes) DecodeStep(HardwareConfig config, ModelDescription m, int tokens)
    {
        var p = Pipeline(config, m);
        var bucket = new Bucket(Stage.Decode, tokens);
        return (p.Run([bucket])[bucket].TotalMs, Traffic(p.Compile(bucket)).ReadBytes);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Six_standard_cases_run_on_the_reference_machine(string name)
    {
        SixStandardCases(TestWorkloads.Config(), Model(name), "reference");
    }

    /// <summary>The six standard cases run; longer contexts cost more per token and a longer prompt more to prefill.</summary>
    private void SixStandardCases(HardwareConfig config, ModelDescription m, string machine)
    {
        var cases = Pipeline(config, m).RunCases(FpgaCase.Standard);
        Assert.Equal(6, cases.Count);
        foreach (var c in cases)
        {
            output.WriteLine($"{m.Name} {machine} {c.Prefill}:{c.Decode} prefill {c.PrefillMs:F1} ms decode {c.DecodeMs:F1} ms {c.Decode / c.DecodeMs * 1e3:F1} tok/s");
            Assert.True(c.PrefillMs > 0 && c.DecodeMs > 0);
        }
        Assert.True(cases[0].DecodeMs / 512 < cases[2].DecodeMs / 1536);
        Assert.True(cases[3].PrefillMs > 3 * cases[0].PrefillMs);
    }

    /// <summary>
    /// Decode is memory-bound: against LLaMA2-7B, each model's step time grows as the bytes it
    /// reads (weights as stored, KV cache, activations) to within 5 %; the 13B reads about twice
    /// the 7B's (40 layers of 5120 against 32 of 4096).
    /// </summary>
    [Fact]
    public void Decode_time_follows_the_bytes_read_per_token_on_the_reference_machine()
    {
        var config = TestWorkloads.Config();
        var baseline = DecodeStep(config, TestWorkloads.Model, 768);
        foreach (var name in new[] { "opt-6.7b", "llama3-8b", "llama2-13b" })
        {
            var s = DecodeStep(config, Model(name), 768);
            double time = s.Ms / baseline.Ms, bytes = s.ReadBytes / baseline.ReadBytes;
            output.WriteLine($"{name}: step {s.Ms:F3} ms ({time:F3}x llama2-7b), reads {s.ReadBytes / 1e9:F3} GB ({bytes:F3}x)");
            Assert.InRange(time / bytes, 0.95, 1.05);
        }
        Assert.InRange(DecodeStep(config, Model("llama2-13b"), 768).ReadBytes / baseline.ReadBytes, 1.85, 2.05);
    }

    /// <summary>The compiled decode step reads what the description says: every weight once (INT4, kept fraction), biases, and the KV cache.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void A_decode_step_reads_every_weight_once_and_the_kv_cache(string name)
    {
        var m = Model(name);
        var groups = Compile(TestWorkloads.Config(), m, Stage.Decode, 1024);
        long h = m.HiddenSize, f = m.IntermediateSize, kv = m.KeyValueSize, layers = m.NumHiddenLayers;
        double Int4(long elements, double density) => elements * density / 2;
        double perLayer = Int4(h * h, m.Sparsity.QProj) + Int4(h * kv, m.Sparsity.KProj) + Int4(h * kv, m.Sparsity.VProj) + Int4(h * h, m.Sparsity.OProj)
                          + (m.GatedFfn ? Int4(h * f, m.Sparsity.GateProj) : 0) + Int4(h * f, m.Sparsity.UpProj) + Int4(f * h, m.Sparsity.DownProj);
        double weights = layers * perLayer + Int4(h * m.VocabSize, m.Sparsity.LmHead);
        double kvCache = layers * 2.0 * kv * 1023;   // K and V of the 1023 earlier tokens, INT8
        var linear = Traffic(groups, g => g.Layer.Type.IsLinear()).ReadBytes;
        var cache = Traffic(groups, g => g.Layer.Type == LayerType.Concat).ReadBytes;
        output.WriteLine($"{name}: linear loads {linear / 1e9:F4} GB (weights {weights / 1e9:F4} GB), concat loads {cache / 1e6:F2} MB (KV cache {kvCache / 1e6:F2} MB)");
        Assert.InRange(linear / weights, 1.0, 1.01);    // plus activations and biases, well under 1 %
        Assert.InRange(cache / kvCache, 0.999, 1.001);
    }

    /// <summary>LLaMA-3-8B's 8 key/value heads: a quarter of LLaMA2-7B's K/V cache traffic at the same context, and the same attention work.</summary>
    [Fact]
    public void Grouped_query_attention_reads_a_quarter_of_the_kv_cache()
    {
        var config = TestWorkloads.Config();
        var mha = Compile(config, TestWorkloads.Model, Stage.Decode, 1024);
        var gqa = Compile(config, Model("llama3-8b"), Stage.Decode, 1024);
        static double KvLoads(List<CompiledGroup> groups)
        {
            double bytes = 0;
            foreach (var g in groups.Where(g => g.Group.Layer.Type is LayerType.AttentionMv or LayerType.Concat))
                foreach (ref readonly var i in g.Instructions.Queue(Module.LD))
                    if (i.Target == LoadTarget.ABuffer) bytes += i.Length;
            return bytes;
        }
        static long AttentionMvs(List<CompiledGroup> groups) =>
            groups.Where(g => g.Group.Layer.Type == LayerType.AttentionMv).Sum(g => (long)g.Instructions.CountOf(Module.MV));
        double a = KvLoads(mha), b = KvLoads(gqa);
        output.WriteLine($"K/V loads per decode step at 1024: 32 heads {a / 1e6:F2} MB, 8 heads {b / 1e6:F2} MB");
        Assert.Equal(0.25, b / a, 3);
        Assert.Equal(AttentionMvs(mha), AttentionMvs(gqa));
    }

    /// <summary>
    /// LLaMA2-13B at context 2048: 40 heads × 128 blocks of probabilities exceed B_BUFFER_DEPTH
    /// 4096, so the heads are taken in two chunks (32 + 8), and the step still costs more than at 1600.
    /// </summary>
    [Fact]
    public void Thirteen_b_heads_that_overflow_the_b_buffer_are_taken_in_chunks()
    {
        var config = TestWorkloads.Config();
        var m = Model("llama2-13b");
        var groups = Compile(config, m, Stage.Decode, 2048);
        var qktv = groups.Single(g => g.Group.Layer.Name == "round_1_attention_qktv_0").Instructions;
        var bLoads = qktv.Queue(Module.LD).ToArray().Where(i => i.Target == LoadTarget.BBuffer).Select(i => i.Length).ToList();
        Assert.Equal([32 * 2048, 8 * 2048], bLoads);
        var qkt = groups.Single(g => g.Group.Layer.Name == "round_1_attention_qkt_0").Instructions;
        Assert.Single(qkt.Queue(Module.LD).ToArray(), i => i.Target == LoadTarget.BBuffer);   // 40 × 8 blocks fit at once
        Assert.True(DecodeStep(config, m, 2048).Ms > DecodeStep(config, m, 1600).Ms);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Six_standard_cases_run_on_the_detailed_machine(string name)
    {
        var config = DetailedConfig();
        var m = Model(name);
        SixStandardCases(config, m, "detailed");
        // HBM-bound: a decode step is no faster than reading its bytes at the board's peak 819.2 GB/s.
        var (ms, bytes) = DecodeStep(config, m, 512);
        output.WriteLine($"{name} decode 512 on the detailed machine: {ms:F3} ms, reads {bytes / 1e9:F3} GB");
        Assert.True(ms >= bytes / (config.HbmBwGBPerSec * 1e9) * 1e3, $"{ms} ms is faster than the HBM peak allows");
    }

    [Fact]
    public void A_model_that_does_not_fit_the_hbm_is_rejected_naming_the_limit()
    {
        var small = TestWorkloads.With(("HBM_TOTAL_SIZE_GB", "4"));
        var m = Model("llama2-13b");
        var e = Assert.Throws<InputException>(() => Compile(small, m, Stage.Decode, 512));
        output.WriteLine(e.Message);
        Assert.Contains("HBM_TOTAL_SIZE_GB (4 GiB)", e.Message);
        Assert.Contains("GiB of INT4 weights", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        // LLaMA2-7B's 2.9 GiB of weights and cache fit the same 4 GiB; the 13B fits the artifact's 8.
        Assert.NotEmpty(Compile(small, TestWorkloads.Model, Stage.Decode, 512));
        Assert.NotEmpty(Compile(TestWorkloads.Config(), m, Stage.Decode, 2048));
        var f = HbmFootprint.Of(new IrGenerator(m).Generate(Stage.Decode, 2048));
        Assert.InRange(f.WeightBytes / 1e9, 6.0, 6.3);                  // 12.85 B parameters, q/k at 70 %, INT4
        Assert.Equal(2L * 40 * 5120 * 2048, f.KvCacheBytes);
    }

    /// <summary>Prefill keeps a row tile's whole K in the A buffer: an FFN of 131072 (8192 blocks) is more than A_BUFFER_DEPTH 4096 holds.</summary>
    [Fact]
    public void A_layer_wider_than_a_buffer_holds_is_rejected_naming_the_key()
    {
        var m = Model("tiny");
        m.HiddenSize = 128;                 // whole global-buffer lines (128 B) for the norms
        m.IntermediateSize = 131072;
        var e = Assert.Throws<InputException>(() => Compile(TestWorkloads.Config(), m, Stage.Prefill, 128));
        output.WriteLine(e.Message);
        Assert.Contains("down_layer_0", e.Message);
        Assert.Contains("A_BUFFER_DEPTH (4096) must hold K = 8192 blocks", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
