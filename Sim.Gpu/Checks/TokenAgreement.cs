using Sim.Gpu.Backends;
using Sim.Gpu.Model;
using Sim.Gpu.Runtime;
using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Checks;

/// <summary>
/// Greedy generation by several backends on the same seeded weights and prompt: do they pick
/// the same tokens? (fp16 rounding differs between implementations, so a near-tie can flip one
/// token, and every later token then differs.)
/// </summary>
public static class TokenAgreement
{
    public sealed record Generated(string Backend, long[] Tokens);

    public sealed record Result(int Prefill, int NewTokens, IReadOnlyList<Generated> Runs)
    {
        /// <summary>Length of the prefix every backend agrees on.</summary>
        public int CommonPrefix
        {
            get
            {
                var n = 0;
                while (n < NewTokens && Runs.All(r => r.Tokens[n] == Runs[0].Tokens[n])) n++;
                return n;
            }
        }
    }

    public static Result Run(ModelDescription model, TorchDevice deviceKind, IReadOnlyList<string> backends,
                             int prefill, int newTokens, long seed)
    {
        var device = TorchRuntime.TorchDeviceOf(deviceKind);
        var dtype = deviceKind == TorchDevice.Cuda ? ScalarType.Float16 : ScalarType.Float32;
        using var weights = RandomWeights.Create(model, seed, device, dtype);
        var rng = new Random((int)seed + prefill);
        var ids = new long[prefill];
        for (var i = 0; i < ids.Length; i++) ids[i] = rng.Next(3, model.VocabSize);
        using var prompt = tensor(ids, [1, prefill], ScalarType.Int64, device);
        var runs = new List<Generated>();
        foreach (var name in backends)
        {
            using var be = BackendCatalog.Create(name, weights);
            runs.Add(new Generated(name, be.Generate(prompt, newTokens).Tokens[0]));
        }
        return new Result(prefill, newTokens, runs);
    }
}
