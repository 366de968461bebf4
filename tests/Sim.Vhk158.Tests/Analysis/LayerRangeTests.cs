using Sim.Core.Errors;
using Sim.Vhk158.Analysis;

namespace Sim.Vhk158.Tests.Analysis;

public class LayerRangeTests
{
    [Theory]
    [InlineData("0-1", 0, 1)]
    [InlineData("3", 3, 3)]
    [InlineData("10-31", 10, 31)]
    public void Parses_a_range_or_one_block(string text, int first, int last) =>
        Assert.Equal(new LayerRange(first, last), LayerRange.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("a-b")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("1-2-3")]
    [InlineData("2-1")]
    public void Rejects_anything_else_naming_the_option(string text)
    {
        var e = Assert.Throws<InputException>(() => LayerRange.Parse(text));
        Assert.Contains($"--layers '{text}'", e.Message);
    }

    [Theory]
    [InlineData("round_1_q_proj_layer_12", 12)]
    [InlineData("round_0_q_RoPE_eltwise_mul_sin_3", 3)]
    [InlineData("round_0_softmax_0", 0)]
    [InlineData("round_1_lm_head_layer", null)]
    [InlineData("round_1_final_layer_norm_layer_in_decoder", null)]
    [InlineData("trailing_", null)]
    [InlineData("nounderscore7", null)]
    public void The_block_is_the_number_after_the_last_underscore(string name, int? block) =>
        Assert.Equal(block, LayerRange.BlockOf(name));

    [Fact]
    public void Contains_is_inclusive_and_excludes_layers_outside_blocks()
    {
        var range = new LayerRange(1, 2);
        Assert.False(range.Contains("round_1_q_proj_layer_0"));
        Assert.True(range.Contains("round_1_q_proj_layer_1"));
        Assert.True(range.Contains("round_1_q_proj_layer_2"));
        Assert.False(range.Contains("round_1_q_proj_layer_3"));
        Assert.False(range.Contains("round_1_lm_head_layer"));
    }
}
