using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Profiling;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Sampling;
using Sim.Vhk158.Sweeps.Specs;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>Sweep spec files: fields, defaults, the resolved form and its hash, and clear errors.</summary>
public sealed class SweepSpecTests
{
    private static readonly SweepSpec Defaults = new()
    {
        Config = Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml"),
        Model = Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"),
        Cases = [new FpgaCase(128, 512)],
        Axes = [],
    };

    private const string Full = """
        name: study-1
        machine: reference
        cases: ["16:16", "128:32"]
        axes:
          CLOCK_FREQ_MHZ: [200, 300]
          HBM_BW_GB_PER_SEC: {from: 409.6, to: 1228.8, step: 409.6}
        sampling: {method: lhs, samples: 4, seed: 9}
        constraints: ["MV_START_N_NUM >= MV_PARALLEL_N * 2"]
        baseline: {CLOCK_FREQ_MHZ: 250}
        pareto: {x: max decode_tokens_per_s, y: min total_ms}
        heatmap: {x: HBM_BW_GB_PER_SEC, y: CLOCK_FREQ_MHZ, value: total_ms}
        """;

    [Fact]
    public void A_spec_names_cases_machine_axes_sampling_constraints_baseline_and_plots()
    {
        var spec = SweepSpecReader.Parse(Full, "s.yaml", Defaults);
        Assert.Equal("study-1", spec.Name);
        Assert.Equal("reference", spec.Machine);
        Assert.Equal([new FpgaCase(16, 16), new FpgaCase(128, 32)], spec.Cases);
        Assert.Equal(["CLOCK_FREQ_MHZ", "HBM_BW_GB_PER_SEC"], spec.Keys);
        Assert.Equal(["409.6", "819.2", "1228.8"], spec.Axes[1].Values); // decimal steps print as written
        Assert.Equal(new SweepSampling(SamplingMethod.LatinHypercube, 4, 9), spec.Sampling);
        Assert.Equal(["MV_START_N_NUM >= MV_PARALLEL_N * 2"], spec.Constraints);
        Assert.Equal([("CLOCK_FREQ_MHZ", "250")], spec.Baseline);
        Assert.Equal("min total_ms", spec.ParetoY.ToString());
        Assert.Equal(("HBM_BW_GB_PER_SEC", "CLOCK_FREQ_MHZ", "total_ms"), (spec.HeatmapX, spec.HeatmapY, spec.HeatmapValue));
        Assert.Equal(Defaults.Config, spec.Config); // left out: the command line's
    }

    [Fact]
    public void The_resolved_spec_reads_back_to_the_same_text_and_hash_and_the_name_is_not_hashed()
    {
        var spec = SweepSpecReader.Resolve(SweepSpecReader.Parse(Full, "s.yaml", Defaults));
        var text = SweepSpecWriter.Write(spec);
        var again = SweepSpecReader.Parse(text, "spec.yaml", Defaults with { Cases = [new FpgaCase(1, 1)] });
        Assert.Equal(text, SweepSpecWriter.Write(SweepSpecReader.Resolve(again)));
        Assert.Equal(SweepSpecWriter.Hash(spec), SweepSpecWriter.Hash(again));
        Assert.Equal(SweepSpecWriter.Hash(spec), SweepSpecWriter.Hash(spec with { Name = "other" }));
        Assert.NotEqual(SweepSpecWriter.Hash(spec), SweepSpecWriter.Hash(spec with { Cases = [new FpgaCase(16, 16)] }));
        Assert.Matches("^[0-9a-f]{64}$", spec.ConfigSha256!);
    }

    [Fact]
    public void A_resolved_spec_whose_config_changed_is_refused()
    {
        using var dir = new TempDir();
        var config = dir.File("c.yaml");
        File.Copy(Defaults.Config, config);
        var spec = SweepSpecReader.Resolve(Defaults with { Config = config, Axes = [new SweepAxis("CLOCK_FREQ_MHZ", ["200"])] });
        File.AppendAllText(config, "\n# edited\n");
        var e = Assert.Throws<InputException>(() => SweepSpecReader.Resolve(spec));
        Assert.Contains("the config changed since this sweep was resolved", e.Message);
    }

    [Theory]
    [InlineData("axes: {CLOCK_FREQ_MHS: [1]}", "s.yaml:1: axes: unknown hardware config key 'CLOCK_FREQ_MHS' (did you mean 'CLOCK_FREQ_MHZ'?)")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\ncolour: red", "s.yaml:2: unknown field 'colour'")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\nconstraints: [\"CLOCK_FREQ_MHZ >> 2\"]", "s.yaml:2: constraint 'CLOCK_FREQ_MHZ >> 2' at column")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\nconstraints: [\"SLR_NUMS > 1\"]", "s.yaml:2: constraint 'SLR_NUMS > 1': unknown hardware config key 'SLR_NUMS'")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1, 1]}", "s.yaml:1: axes: CLOCK_FREQ_MHZ repeats a value")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\nsampling: {method: sobol}", "sampling method 'sobol' is not grid, random or lhs")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\ncases: [\"16-16\"]", "s.yaml:2: case '16-16' is not PREFILL:DECODE")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\nheatmap: {x: SLR_NUM}", "heatmap: SLR_NUM is not one of the swept keys")]
    [InlineData("axes: {CLOCK_FREQ_MHZ: [1]}\npareto: {y: min joules}", "'joules' is not a numeric result column")]
    [InlineData("cases: [\"16:16\"]", "the spec has no axes")]
    [InlineData("axes: [", "not valid YAML")]
    public void Bad_specs_are_one_error_naming_file_line_and_what_was_expected(string yaml, string message)
    {
        var e = Assert.Throws<InputException>(() => SweepSpecReader.Parse(yaml, "s.yaml", Defaults));
        Assert.Contains(message, e.Message);
    }
}
