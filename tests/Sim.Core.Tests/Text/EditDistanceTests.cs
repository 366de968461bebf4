using Sim.Core.Text;

namespace Sim.Core.Tests.Text;

public class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("MM_PARALEL_N", "MM_PARALLEL_N", 1)]
    [InlineData("max_len", "MAX_LEN", 0)]
    [InlineData("flaw", "lawn", 2)]
    public void Counts_insertions_deletions_and_substitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
        Assert.Equal(expected, EditDistance.Between(b, a));
    }

    [Fact]
    public void Closest_picks_the_nearest_candidate()
    {
        string[] keys = ["MM_PARALLEL_N", "MM_PARALLEL_K", "MV_PARALLEL_N"];
        Assert.Equal("MM_PARALLEL_K", EditDistance.Closest("MM_PARALEL_K", keys));
        Assert.Equal("MV_PARALLEL_N", EditDistance.Closest("mv_parallel_n", keys));
    }

    [Fact]
    public void Closest_gives_nothing_when_no_candidate_is_near()
    {
        Assert.Null(EditDistance.Closest("PIZZA", ["MM_PARALLEL_N", "MAX_LEN"]));
        Assert.Null(EditDistance.Closest("X", []));
    }
}
