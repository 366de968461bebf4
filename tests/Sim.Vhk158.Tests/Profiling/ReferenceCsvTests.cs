using Sim.Vhk158.Pipeline;
using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Tests.Profiling;

/// <summary>The contract of the reference-compatible mode: every CSV of the artifact, byte for byte.</summary>
public class ReferenceCsvTests
{
    [SkippableFact]
    public void All_144_reference_IR_files_give_byte_identical_profiler_CSVs()
    {
        ReferenceData.SkipIfAbsent();
        var config = HardwareConfigLoader.Load(ReferenceData.ConfigPath);
        var source = new IrDirectorySource(ReferenceData.IrDir);
        var buckets = Directory.GetFiles(ReferenceData.IrDir, "llama2_*_token_*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split('_'))
            .Select(p => new Bucket(p[1] == "prefill" ? Stage.Prefill : Stage.Decode, int.Parse(p[3])))
            .ToList();
        Assert.Equal(144, buckets.Count);

        var outDir = Path.Combine(Path.GetTempPath(), "vhksim-ref-" + Guid.NewGuid().ToString("N"));
        try
        {
            new SimulationPipeline(config, source, new ProfileCache(Path.Combine(outDir, "cache"))) { ExportDir = Path.Combine(outDir, "profiler_output") }.Run(buckets);
            var mismatches = new List<string>();
            foreach (var b in buckets)
            {
                var name = ProfilerCsv.FileName("llama2", b.Stage, b.Tokens);
                var ours = File.ReadAllText(Path.Combine(outDir, "profiler_output", name));
                var gold = File.ReadAllText(Path.Combine(ReferenceData.ProfilerDir, name));
                if (ours != gold) mismatches.Add($"{name}:\n{ours}--- expected\n{gold}");
            }
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} CSVs differ; first:\n{mismatches.FirstOrDefault()}");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [SkippableFact]
    public void Standard_cases_reproduce_the_seed_FPGA_column_to_the_printed_digit()
    {
        ReferenceData.SkipIfAbsent();
        var config = HardwareConfigLoader.Load(ReferenceData.ConfigPath);
        var runner = new SimulationPipeline(config, new IrDirectorySource(ReferenceData.IrDir), cache: null);
        var results = runner.RunCases(FpgaCase.Standard);
        // The seed's table (../shared/seed): prefill, decode, total, tokens/s.
        string[] seed =
        [
            "289.9 4946.4 5236.3 103.5", "289.9 10318.6 10608.4 99.2", "289.9 16103.1 16393.0 95.4",
            "1181.4 5269.0 6450.5 97.2", "1181.4 10950.5 12131.9 93.5", "1181.4 17044.3 18225.7 90.1",
        ];
        var ours = results.Select(r => string.Join(' ',
            new[] { r.PrefillMs, r.DecodeMs, r.TotalMs, r.TokensPerSecond }
                .Select(v => v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(seed, ours);
    }
}
