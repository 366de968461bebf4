using Sim.Gpu.Backends;
using Sim.Gpu.Model;
using Sim.Gpu.Runtime;
using Sim.Gpu.Safetensors;
using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Checks;

/// <summary>
/// The C# half of the check against PyTorch's own LLaMA (transformers): make seeded weights,
/// save them as a Hugging Face folder, load them back through the safetensors reader, and
/// write every backend's logits for a seeded prompt. scripts/gpu/check_logits.py loads the same
/// folder with transformers and compares.
/// </summary>
public static class LogitsExport
{
    public sealed record Result(string WeightsDir, string LogitsPath, IReadOnlyList<string> Backends, int Tokens);

    public static Result Run(ModelDescription model, TorchDevice deviceKind, string weightsDir, string logitsPath,
                             int tokens, long seed, IReadOnlyList<string> backends)
    {
        var device = TorchRuntime.TorchDeviceOf(deviceKind);
        var dtype = deviceKind == TorchDevice.Cuda ? ScalarType.Float16 : ScalarType.Float32;
        using (var made = RandomWeights.Create(model, seed, device, dtype))
            HuggingFaceFolder.Save(weightsDir, made);

        using var weights = HuggingFaceFolder.Load(weightsDir, model, device, dtype);
        var rng = new Random((int)seed);
        var ids = new long[tokens];
        for (var i = 0; i < ids.Length; i++) ids[i] = rng.Next(3, model.VocabSize);
        using var prompt = tensor(ids, [1, tokens], ScalarType.Int64, device);

        var outputs = new List<(string, Tensor)> { ("input_ids", prompt.cpu()) };
        try
        {
            foreach (var name in backends)
            {
                using var be = BackendCatalog.Create(name, weights);
                outputs.Add(($"logits.{name}", be.Logits(prompt)));
            }
            SafetensorsWriter.Write(logitsPath, outputs,
                new Dictionary<string, string> { ["model"] = model.Name, ["dtype"] = dtype.ToString() });
        }
        finally
        {
            foreach (var (_, t) in outputs) t.Dispose();
        }
        return new Result(weightsDir, logitsPath, backends, tokens);
    }
}
