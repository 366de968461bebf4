using Sim.Core.Errors;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Compiler;

/// <summary>Configurations the artifact rejects while generating code must be rejected here too, naming the layer.</summary>
public class ConfigRejectionTests
{
    [Fact]
    public void A_B_buffer_too_shallow_for_double_buffering_names_the_layer_and_depth()
    {
        var config = TestWorkloads.With(("B_BUFFER_DEPTH", "64"), ("META_BUFFER_DEPTH", "64"));
        var e = Assert.Throws<InputException>(() => TestWorkloads.Compile(config, Stage.Prefill, 128));
        Assert.Contains("layer 'round_0_", e.Message);
        Assert.Contains("depth", e.Message);
    }

    [Fact]
    public void A_global_buffer_too_small_for_a_layernorm_row_is_rejected()
    {
        var config = TestWorkloads.With(("GLOBAL_BUFFER_DEPTH", "32"));
        var e = Assert.Throws<InputException>(() => TestWorkloads.Compile(config, Stage.Decode, 16));
        Assert.Contains("input_layer_norm_layer_0", e.Message);
        Assert.Contains("GLOBAL_BUFFER_DEPTH=32", e.Message);
    }

    [Fact]
    public void An_attention_tile_that_does_not_match_the_A_channels_is_rejected_in_prefill_only()
    {
        var config = TestWorkloads.With(("MM_PARALLEL_M", "256"), ("MM_START_M_NUM", "256"));
        var e = Assert.Throws<InputException>(() => TestWorkloads.Compile(config, Stage.Prefill, 256));
        Assert.Contains("attention_qkt_0", e.Message);
        Assert.Contains("A_BUFFER_HBM_CHANNEL_NUM", e.Message);
        Assert.Equal(418, TestWorkloads.Compile(config, Stage.Decode, 32).Count);
    }
}
