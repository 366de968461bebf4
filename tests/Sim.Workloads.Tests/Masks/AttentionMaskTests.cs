using Sim.Workloads.Masks;

namespace Sim.Workloads.Tests.Masks;

public class AttentionMaskTests
{
    [Fact]
    public void ExpandAndCrop_repeats_each_element_into_a_patch_then_crops()
    {
        // One head, 2×2 blocks [[1, 0], [1, 1]]; rep 2 gives the 4×4 below, cropped to 3×4.
        var m = new AttentionMask(1, 2, 2, [true, false, true, true]);
        var e = m.ExpandAndCrop(2, 3, 4);
        bool[] expected =
        [
            true, true, false, false,
            true, true, false, false,
            true, true, true, true,
        ];
        Assert.Equal((1, 3, 4), (e.Heads, e.Rows, e.Cols));
        Assert.Equal(expected, e.Data.ToArray());
        Assert.Equal(2, e.RowCount(0, 1));
        Assert.Equal(4, e.RowCount(0, 2));
    }

    [Fact]
    public void ExpandAndCrop_keeps_heads_apart()
    {
        var m = new AttentionMask(2, 1, 2, [true, false, false, true]);
        var e = m.ExpandAndCrop(3, 2, 5);
        Assert.Equal([true, true, true, false, false], Row(e, 0, 1));
        Assert.Equal([false, false, false, true, true], Row(e, 1, 0));
        Assert.Equal(6 + 4, e.CountNonZero());
    }

    [Fact]
    public void ExpandAndCrop_rejects_a_crop_beyond_the_expansion()
    {
        var m = new AttentionMask(1, 2, 2, new bool[4]);
        Assert.Throws<ArgumentException>(() => m.ExpandAndCrop(2, 5, 4));
        Assert.ThrowsAny<ArgumentException>(() => m.ExpandAndCrop(0, 1, 1));
    }

    [Fact]
    public void ExpandAndCrop_over_an_earlier_result_equals_a_fresh_expansion()
    {
        var first = new AttentionMask(2, 2, 2, [true, true, true, true, false, true, true, false]);
        var second = new AttentionMask(2, 2, 2, [true, false, false, true, true, true, false, false]);
        var reused = first.ExpandAndCrop(3, 5, 4);
        var over = second.ExpandAndCrop(3, 5, 4, reused);
        Assert.Same(reused, over);
        Assert.Equal(second.ExpandAndCrop(3, 5, 4).Data.ToArray(), over.Data.ToArray());
        // Another size: a fresh mask, the earlier one untouched.
        var other = second.ExpandAndCrop(2, 4, 4, reused);
        Assert.NotSame(reused, other);
        Assert.Equal(second.ExpandAndCrop(2, 4, 4).Data.ToArray(), other.Data.ToArray());
    }

    private static bool[] Row(AttentionMask m, int h, int r) =>
        Enumerable.Range(0, m.Cols).Select(c => m[h, r, c]).ToArray();
}
