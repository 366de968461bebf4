using Sim.Gpu.Backends;
using Sim.Gpu.Model;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

/// <summary>The contract on the LLaMA family's tiny model, and what only it has.</summary>
public class BackendAgreementTests : BackendAgreementContract
{
    protected override LlamaWeights Weights() => TinyModel.Weights();

    protected override Tensor Prompt(int batch, int length) => TinyModel.Prompt(batch, length);

    /// <summary>With a large ε the norm's ε term matters; torch-opt carries it in an extra hidden column.</summary>
    [Fact]
    public void BothBackendsAgreeWhenTheNormEpsilonMatters()
    {
        TinyModel.Init();
        var m = TinyModel.Description();
        m.RmsNormEps = 0.5;
        using var w = Sim.Gpu.Model.RandomWeights.Create(m, 99, CPU, ScalarType.Float32);
        using var naive = new NaiveBackend(w);
        using var opt = new TorchOptBackend(w);
        using var prompt = TinyModel.Prompt(1, 8);
        using var a = naive.Logits(prompt);
        using var b = opt.Logits(prompt);
        var diff = (a - b).abs().max().item<float>();
        Assert.True(diff < 1e-4f * a.abs().max().item<float>(), $"max |naive - torch-opt| = {diff}");
    }

    [Fact]
    public void GenerationCountsHostCost()
    {
        using var w = TinyModel.Weights();
        using var opt = new TorchOptBackend(w);
        using var naive = new NaiveBackend(w);
        using var prompt = TinyModel.Prompt(1, 4);
        var o1 = opt.Generate(prompt, 1);
        var o9 = opt.Generate(prompt, 9);
        var n1 = naive.Generate(prompt, 1);
        var n9 = naive.Generate(prompt, 9);
        var optPerToken = (o9.OpCalls - o1.OpCalls) / 8.0;
        var naivePerToken = (n9.OpCalls - n1.OpCalls) / 8.0;
        Assert.True(optPerToken > 0 && naivePerToken > 0);
        Assert.True(optPerToken < naivePerToken, $"torch-opt creates {optPerToken} tensors per token, naive {naivePerToken}");
        Assert.True(o9.AllocatedBytes > 0);
    }
}
