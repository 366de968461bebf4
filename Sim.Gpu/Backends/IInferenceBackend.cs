using static TorchSharp.torch;

namespace Sim.Gpu.Backends;

/// <summary>
/// A way to run a LLaMA-family model. Each backend owns what it derives from the shared weights
/// (fused matrices, caches) and releases it on Dispose; the weights themselves are not its own.
/// </summary>
public interface IInferenceBackend : IDisposable
{
    /// <summary>The name used on the command line and in the results (e.g. "naive").</summary>
    string Name { get; }

    /// <summary>
    /// Greedy generation of exactly <paramref name="newTokens"/> tokens after <paramref name="prompt"/>
    /// ([batch, P] int64 on the backend's device); no early stop. The first token comes from the
    /// prefill, each further one from one decode step.
    /// </summary>
    GenerationResult Generate(Tensor prompt, int newTokens);

    /// <summary>Logits of every position of a fresh forward pass over <paramref name="tokens"/>: [batch, T, vocab], float32 on the CPU.</summary>
    Tensor Logits(Tensor tokens);
}
