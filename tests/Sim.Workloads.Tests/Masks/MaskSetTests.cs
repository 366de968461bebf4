using Sim.Tests.Shared;
using Sim.Core.Errors;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Npy;

namespace Sim.Workloads.Tests.Masks;

public class MaskSetTests
{
    private static AttentionMask Mask(int heads, int n, int salt) =>
        new(heads, n, n, Enumerable.Range(0, heads * n * n).Select(i => (i * 7 + salt) % 3 == 0).ToArray());

    [Fact]
    public void Save_then_load_round_trips()
    {
        var set = new MaskSet([Mask(2, 4, 0), Mask(2, 4, 1), Mask(2, 4, 2)]);
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "ir_output", "attention_mask"); // Save creates it
        set.Save(dir);
        var loaded = MaskSet.Load(dir, 3);
        Assert.Equal(3, loaded.LayerCount);
        Assert.Equal((2, 4, 4), (loaded.Heads, loaded.Rows, loaded.Cols));
        Assert.Equal(MaskInvariants.Bytes(set), MaskInvariants.Bytes(loaded));
        Assert.Equal(set.CountNonZero(), loaded.CountNonZero());
        Assert.Equal(MaskSet.FileName(1), Path.GetFileName(Directory.GetFiles(dir).Order().ElementAt(1)));
    }

    [Fact]
    public void Loads_uint8_masks()
    {
        using var tmp = new TempDir();
        NpyWriter.Write(tmp.File(MaskSet.FileName(0)), Mask(1, 3, 0).Data, [1, 3, 3], NpyDtype.UInt8);
        Assert.Equal(Mask(1, 3, 0).Data.ToArray(), MaskSet.Load(tmp.Path, 1)[0].Data.ToArray());
    }

    [Fact]
    public void Missing_layer_file_is_named()
    {
        using var tmp = new TempDir();
        new MaskSet([Mask(1, 2, 0), Mask(1, 2, 0)]).Save(tmp.Path);
        var e = Assert.Throws<InputException>(() => MaskSet.Load(tmp.Path, 3));
        Assert.Equal(Path.Combine(tmp.Path, "attention_mask_2.mask.npy"), e.File);
        Assert.Contains("layer 2 is missing", e.Message);
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "nope");
        var e = Assert.Throws<InputException>(() => MaskSet.Load(dir, 1));
        Assert.Equal(dir, e.File);
    }

    [Fact]
    public void Inconsistent_shapes_across_layers_are_rejected()
    {
        using var tmp = new TempDir();
        new MaskSet([Mask(2, 4, 0)]).Save(tmp.Path);
        NpyWriter.Write(tmp.File(MaskSet.FileName(1)), Mask(2, 3, 0).Data, [2, 3, 3]);
        var e = Assert.Throws<InputException>(() => MaskSet.Load(tmp.Path, 2));
        Assert.Equal(tmp.File(MaskSet.FileName(1)), e.File);
        Assert.Contains("(2, 3, 3), expected (2, 4, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => new MaskSet([Mask(2, 4, 0), Mask(2, 3, 0)]));
    }

    [Fact]
    public void Expected_shape_is_enforced()
    {
        using var tmp = new TempDir();
        new MaskSet([Mask(2, 4, 0)]).Save(tmp.Path);
        var e = Assert.Throws<InputException>(() => MaskSet.Load(tmp.Path, 1, (32, 32, 32)));
        Assert.Contains("(2, 4, 4), expected (32, 32, 32)", e.Message);
    }

    [Fact]
    public void Empty_dimension_is_rejected()
    {
        using var tmp = new TempDir();
        NpyWriter.Write(tmp.File(MaskSet.FileName(0)), [], [2, 0, 4]);
        var e = Assert.Throws<InputException>(() => MaskSet.Load(tmp.Path, 1));
        Assert.Contains("empty dimension", e.Message);
    }
}
