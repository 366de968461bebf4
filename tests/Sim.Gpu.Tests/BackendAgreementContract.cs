using Sim.Gpu.Backends;
using Sim.Gpu.Model;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

/// <summary>
/// What the two TorchSharp backends (naive, torch-opt) must agree on for every model family; a subclass supplies the
/// family's tiny model (<see cref="BackendAgreementTests"/>: LLaMA, <see cref="OptBackendAgreementTests"/>: OPT).
/// </summary>
public abstract class BackendAgreementContract
{
    protected abstract LlamaWeights Weights();

    protected abstract Tensor Prompt(int batch, int length);

    [Fact]
    public void BothBackendsGiveTheSameLogits()
    {
        using var w = Weights();
        using var naive = new NaiveBackend(w);
        using var opt = new TorchOptBackend(w);
        using var prompt = Prompt(2, 11);
        using var a = naive.Logits(prompt);
        using var b = opt.Logits(prompt);
        Assert.Equal(new long[] { 2, 11, w.Model.VocabSize }, a.shape);
        Assert.Equal(a.shape, b.shape);
        var scale = a.abs().max().item<float>();
        var diff = (a - b).abs().max().item<float>();
        Assert.True(scale > 0.5f, $"logits too small to compare: max |logit| = {scale}");
        Assert.True(diff < 1e-4f * scale, $"max |naive - torch-opt| = {diff}, scale {scale}");
    }

    [Fact]
    public void BothBackendsGenerateTheSameGreedyTokens()
    {
        using var w = Weights();
        using var naive = new NaiveBackend(w);
        using var opt = new TorchOptBackend(w);
        using var prompt = Prompt(1, 9);
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
        using var w = Weights();
        using var be = BackendCatalog.Create(backend, w);
        const int batch = 2, length = 6, n = 12;
        using var prompt = Prompt(batch, length);
        var gen = be.Generate(prompt, n).Tokens;
        // Feed prompt + generated tokens (all but the last) in one pass: the argmax at each
        // position from the prompt's last on must be the token generated there.
        const int total = length + n - 1;
        var full = new long[batch * total];
        using (var p = prompt.contiguous())
        {
            var pd = p.data<long>().ToArray();
            for (var s = 0; s < batch; s++)
            {
                Array.Copy(pd, s * length, full, s * total, length);
                Array.Copy(gen[s], 0, full, s * total + length, n - 1);
            }
        }
        using var seq = tensor(full, [batch, total], ScalarType.Int64);
        using var logits = be.Logits(seq);
        using var arg = logits.narrow(1, length - 1, n).argmax(-1);
        var picked = arg.data<long>().ToArray();
        for (var s = 0; s < batch; s++)
            Assert.Equal(gen[s], picked.AsSpan(s * n, n).ToArray());
    }
}
