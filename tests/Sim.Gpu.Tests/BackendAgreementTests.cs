using Sim.Gpu.Backends;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

public class BackendAgreementTests
{
    [Fact]
    public void BothBackendsGiveTheSameLogits()
    {
        using var w = TinyModel.Weights();
        using var naive = new NaiveBackend(w);
        using var opt = new TorchOptBackend(w);
        using var prompt = TinyModel.Prompt(2, 11);
        using var a = naive.Logits(prompt);
        using var b = opt.Logits(prompt);
        Assert.Equal(new long[] { 2, 11, 256 }, a.shape);
        Assert.Equal(a.shape, b.shape);
        var scale = a.abs().max().item<float>();
        var diff = (a - b).abs().max().item<float>();
        Assert.True(scale > 0.5f, $"logits too small to compare: max |logit| = {scale}");
        Assert.True(diff < 1e-4f * scale, $"max |naive - torch-opt| = {diff}, scale {scale}");
    }

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
    public void BothBackendsGenerateTheSameGreedyTokens()
    {
        using var w = TinyModel.Weights();
        using var naive = new NaiveBackend(w);
        using var opt = new TorchOptBackend(w);
        using var prompt = TinyModel.Prompt(1, 9);
        var a = naive.Generate(prompt, 20).Tokens;
        var b = opt.Generate(prompt, 20).Tokens;
        Assert.Equal(a, b);
        Assert.True(a[0].Distinct().Count() > 3, "greedy tokens barely vary: the model is degenerate");
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("torch-opt")]
    public void IncrementalDecodingMatchesAFullSequenceForward(string backend)
    {
        using var w = TinyModel.Weights();
        using var be = BackendCatalog.Create(backend, w);
        using var prompt = TinyModel.Prompt(2, 6);
        const int n = 12;
        var gen = be.Generate(prompt, n).Tokens;

        // Feed prompt + generated tokens (all but the last) in one pass: the argmax at each
        // position from the prompt's last on must be the token generated there.
        var full = new long[2 * (6 + n - 1)];
        using (var p = prompt.contiguous())
        {
            var pd = p.data<long>().ToArray();
            for (var s = 0; s < 2; s++)
            {
                Array.Copy(pd, s * 6, full, s * (6 + n - 1), 6);
                Array.Copy(gen[s], 0, full, s * (6 + n - 1) + 6, n - 1);
            }
        }
        using var seq = tensor(full, [2, 6 + n - 1], ScalarType.Int64);
        using var logits = be.Logits(seq);
        using var arg = logits.narrow(1, 5, n).argmax(-1);
        var picked = arg.data<long>().ToArray();
        for (var s = 0; s < 2; s++)
            Assert.Equal(gen[s], picked.AsSpan(s * n, n).ToArray());
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
