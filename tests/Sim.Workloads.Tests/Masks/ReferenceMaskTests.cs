using Sim.Tests.Shared;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Npy;

namespace Sim.Workloads.Tests.Masks;

/// <summary>The reference's 32 mask files against the rules of spec §2.1 and §2.3.</summary>
public class ReferenceMaskTests
{
    [SkippableFact]
    public void All_32_layers_load_with_shape_32_32_32()
    {
        ReferenceData.SkipIfAbsent();
        var set = MaskSet.Load(ReferenceData.MaskDir, 32, (32, 32, 32));
        Assert.Equal(32, set.LayerCount);
        Assert.All(set.Layers, m => Assert.Equal((32, 32, 32), (m.Heads, m.Rows, m.Cols)));
    }

    [SkippableFact]
    public void Masks_are_causal_with_exact_row_budgets_and_30_percent_density()
    {
        ReferenceData.SkipIfAbsent();
        var set = MaskSet.Load(ReferenceData.MaskDir, 32);
        foreach (var m in set.Layers)
        {
            Assert.Equal(0, MaskInvariants.AboveDiagonal(m));
            Assert.Empty(MaskInvariants.RowBudgetViolations(m));
        }
        // Spec §2.3: k ranges over 2..15; layer 31 head 5 has k = 15, layer 0 head 25 has k = 2.
        Assert.Equal(15, MaskInvariants.Budget(set[31], 5));
        Assert.Equal(2, MaskInvariants.Budget(set[0], 25));

        long nnz = set.CountNonZero();
        Assert.Equal(162_200, nnz);
        Assert.Equal(0.30, nnz / (32.0 * 32 * 528), 4);
    }

    [SkippableFact]
    public void Rewriting_a_reference_file_gives_identical_bytes()
    {
        ReferenceData.SkipIfAbsent();
        foreach (int layer in new[] { 0, 17, 31 })
        {
            var path = Path.Combine(ReferenceData.MaskDir, MaskSet.FileName(layer));
            var original = File.ReadAllBytes(path);
            var npy = NpyReader.Read(path);
            Assert.Equal(NpyVersion.V1, npy.Header.Version);
            Assert.Equal("|b1", npy.Header.Descr);
            Assert.Equal(original, NpyWriter.Encode(npy.Data, npy.Shape));
        }
    }

    [SkippableFact]
    public void Save_then_load_reproduces_the_reference_files()
    {
        ReferenceData.SkipIfAbsent();
        var set = MaskSet.Load(ReferenceData.MaskDir, 32);
        using var tmp = new TempDir();
        set.Save(tmp.Path);
        for (int i = 0; i < 32; i++)
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(ReferenceData.MaskDir, MaskSet.FileName(i))),
                File.ReadAllBytes(Path.Combine(tmp.Path, MaskSet.FileName(i))));
        Assert.Equal(32, Directory.GetFiles(tmp.Path).Length); // no temporary files left behind
    }
}
