using Sim.Core.Errors;
using Sim.Workloads.Models;
using Xunit;

namespace Sim.Workloads.Tests;

public class ModelFamilyTests
{
    private static ModelDescription Parse(string extra) => ModelDescriptionLoader.Parse(
        "name: m\nhidden_size: 64\nintermediate_size: 256\nnum_attention_heads: 4\nnum_hidden_layers: 2\nvocab_size: 256\n" + extra, "m.yaml");

    [Fact]
    public void LlamaIsTheDefaultFamily()
    {
        var m = Parse("");
        Assert.False(m.IsOpt);
        Assert.Equal("silu", m.Activation);
        Assert.True(m.GatedFfn);
        Assert.False(m.LinearBias);
        Assert.Equal(0, m.PositionOffset);
    }

    [Fact]
    public void OptHasLayerNormReluLearnedPositionsAndBiases()
    {
        var m = Parse("model_type: opt\nlayer_norm_eps: 1.0e-6\n");
        Assert.True(m.UsesLayerNorm);
        Assert.Equal(1e-6, m.NormEps);
        Assert.Equal("relu", m.Activation);
        Assert.False(m.GatedFfn);
        Assert.True(m.LinearBias);
        Assert.True(m.LearnedPositions);
        Assert.Equal(2, m.PositionOffset);
        Assert.False(Parse("model_type: opt\nenable_bias: false\n").LinearBias);
    }

    [Theory]
    [InlineData("model_type: gpt2\n", "'model_type' must be one of llama, opt")]
    [InlineData("hidden_act: gelu\n", "'hidden_act' must be silu or relu")]
    [InlineData("layer_norm_eps: '1e-5'\n", "'layer_norm_eps' must be a number")]
    public void UnknownFamiliesAndActivationsAreRejected(string extra, string expected)
    {
        var e = Assert.Throws<InputException>(() => Parse(extra));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("opt-6.7b.yaml", 4096, 16384, 50272)]
    [InlineData("tiny-opt.yaml", 64, 256, 256)]
    public void ShippedOptDescriptionsLoad(string file, int hidden, int ffn, int vocab)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "configs", "models"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var m = ModelDescriptionLoader.Load(Path.Combine(dir!, "configs", "models", file));
        Assert.True(m.IsOpt);
        Assert.Equal((hidden, ffn, vocab), (m.HiddenSize, m.IntermediateSize, m.VocabSize));
    }
}
