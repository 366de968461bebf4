using Sim.Workloads.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>
/// Seeded random weights for a model description, made on the device itself (fast for 7B).
/// Linear weights ~ N(0, 1/fan_in) and token and position embeddings ~ N(0, 1) keep activations
/// of order one, so greedy tokens and logits are well separated; norm weights ~ 1 + N(0, 0.1²)
/// and biases (OPT) ~ N(0, 0.1²) so a norm weight or bias that is dropped changes the result.
/// The same seed gives the same weights on the same kind of device (CPU and CUDA random streams
/// differ).
/// </summary>
public static class RandomWeights
{
    public static LlamaWeights Create(ModelDescription model, long seed, Device device, ScalarType dtype)
    {
        // TorchSharp's Generator is a CPU one; on CUDA the device's default generator is seeded instead.
        Generator? gen = null;
        if (device.type == DeviceType.CUDA) cuda.manual_seed(seed);
        else gen = new Generator((ulong)seed, device);
        using var owned = gen;
        Tensor Make(string name, long[] shape)
        {
            using var scope = NewDisposeScope();
            Tensor t;
            if (shape.Length == 1 && name.EndsWith(".bias", StringComparison.Ordinal))
                t = randn(shape, ScalarType.Float32, device, generator: gen).mul_(0.1);
            else if (shape.Length == 1)
                t = randn(shape, ScalarType.Float32, device, generator: gen).mul_(0.1).add_(1.0);
            else if (name.EndsWith("embed_tokens.weight", StringComparison.Ordinal) || name.EndsWith("embed_positions.weight", StringComparison.Ordinal))
                t = randn(shape, ScalarType.Float32, device, generator: gen);
            else
                t = randn(shape, ScalarType.Float32, device, generator: gen).mul_(1.0 / Math.Sqrt(shape[1]));
            return t.to(dtype).MoveToOuterDisposeScope();
        }
        return WeightAssembly.FromNamed(model, Make);
    }
}
