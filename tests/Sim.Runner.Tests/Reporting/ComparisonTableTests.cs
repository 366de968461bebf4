using Sim.Runner.Reporting;
using Sim.Tests.Shared;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Tests.Reporting;

public class ComparisonTableTests
{
    [SkippableFact]
    public void Seed_values_reproduce_the_seed_table_character_for_character()
    {
        var seedDir = Path.GetFullPath(Path.Combine(ReferenceData.RepoRoot, "..", "shared", "seed"));
        Skip.If(!Directory.Exists(seedDir), "the seed document (../shared/seed) is absent");
        var seed = File.ReadAllLines(Directory.GetFiles(seedDir, "*.txt").Single());
        int first = Array.FindIndex(seed, l => l.StartsWith("+--------Case: llama2-7B, (Batch 1, Prefill 128, Decode  512)", StringComparison.Ordinal));
        var expected = string.Join('\n', seed[first..(first + 7)]) + "\n" + seed[first + 42] + "\n";

        var table = ComparisonTable.Format("llama2-7B",
        [
            (new FpgaCase(128, 512), [
                new HardwareColumn("GPU-naive", new CaseResult(128, 512, 26.1, 11316.9)),
                new HardwareColumn("GPU-opt", new CaseResult(128, 512, 17.6, 5727.0)),
                new HardwareColumn("VHK158 FPGA", new CaseResult(128, 512, 289.9, 4946.4)),
            ]),
        ]);
        Assert.Equal(expected, table);
    }

    [Fact]
    public void Missing_columns_print_na()
    {
        var table = ComparisonTable.Format("m", [(new FpgaCase(1, 1), [new HardwareColumn("GPU", null), new HardwareColumn("FPGA", new CaseResult(1, 1, 1, 1))])]);
        Assert.Contains("|       n/a   |", table);
    }
}
