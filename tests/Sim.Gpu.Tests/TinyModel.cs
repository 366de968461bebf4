using Sim.Gpu.Model;
using Sim.Gpu.Runtime;
using Sim.Tests.Shared;
using Sim.Workloads.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

/// <summary>The tiny model on the CPU in float32, with libtorch loaded once and one thread.</summary>
public static class TinyModel
{
    private static readonly Lazy<TorchRuntimeInfo> Runtime = new(() =>
    {
        var info = TorchRuntime.Initialize(TorchDevice.Cpu, null);
        torch.set_num_threads(1);
        return info;
    });

    public static TorchRuntimeInfo Init() => Runtime.Value;

    public static string ConfigPath => Path.Combine(ReferenceData.RepoRoot, "configs", "models", "tiny.yaml");

    public static ModelDescription Description() => ModelDescriptionLoader.Load(ConfigPath);

    public static LlamaWeights Weights(long seed = 1234)
    {
        Init();
        return RandomWeights.Create(Description(), seed, CPU, ScalarType.Float32);
    }

    /// <summary>Seeded random prompt token ids, [batch, length].</summary>
    public static Tensor Prompt(int batch, int length, long seed = 7)
    {
        var rng = new Random((int)seed);
        var ids = new long[batch * length];
        for (var i = 0; i < ids.Length; i++) ids[i] = rng.Next(Description().VocabSize);
        return tensor(ids, [batch, length], ScalarType.Int64);
    }
}
